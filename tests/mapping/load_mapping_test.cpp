// The mapping loader: every error with its line:col, all reported at once, and the valid schema.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "gitreorg/mapping/mapping.hpp"

using gitreorg::diag::Severity;
using gitreorg::diag::Sink;
using gitreorg::mapping::load_mapping;
using gitreorg::mapping::Mapping;
using gitreorg::mapping::Rule;

namespace {

// "LINE:COL: message" for every error, in report order.
std::vector<std::string> errors_of(const std::string& yaml) {
  Sink sink;
  load_mapping(yaml, "m.yaml", sink);
  std::vector<std::string> out;
  for (const auto& d : sink.all())
    if (d.severity == Severity::error) out.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message);
  return out;
}

std::string one_error(const std::string& yaml) {
  auto e = errors_of(yaml);
  INFO(yaml);
  REQUIRE(e.size() == 1);
  return e[0];
}

}  // namespace

TEST_CASE("mapping: a valid mapping loads with every field", "[mapping]") {
  Sink sink;
  Mapping m = load_mapping(R"(version: 1
repository:
  urls: [https://github.com/aws-samples/awsome-distributed-training.git/, https://github.com/aws-samples/alias]
  new_url: https://github.com/awslabs/awsome-distributed-ai
  branches: [main, develop]
moves:
  - from: 3.test_cases/pytorch/FSDP/
    to: examples/training/fsdp
    reason: regroup by framework
  - match: '1\.architectures/\d+\.([^/]+)'
    to: 'architectures/\1'
policy:
  no_numeric_prefix: [examples, .]
  max_depth: [{root: examples, depth: 3}]
  keep_readmes: yes
)",
                           "m.yaml", sink);
  REQUIRE(sink.all().empty());
  REQUIRE(m.version == 1);
  REQUIRE(m.repository);
  CHECK(m.repository->urls == std::vector<std::string>{"https://github.com/aws-samples/awsome-distributed-training",
                                                       "https://github.com/aws-samples/alias"});
  CHECK(m.repository->new_url == "https://github.com/awslabs/awsome-distributed-ai");
  CHECK(m.repository->branches == std::vector<std::string>{"main", "develop"});
  CHECK(m.repository->name == "awsome-distributed-training");
  REQUIRE(m.rules.size() == 2);
  CHECK(m.rules[0].kind == Rule::Kind::move);
  CHECK(m.rules[0].from == "3.test_cases/pytorch/FSDP");  // trailing slash dropped
  CHECK(m.rules[0].to == "examples/training/fsdp");
  CHECK(m.rules[0].reason == "regroup by framework");
  CHECK(m.rules[0].pos.line == 7);
  CHECK(m.rules[0].from_pos.line == 7);
  CHECK(m.rules[0].from_pos.column == 11);
  CHECK(m.rules[0].to_pos.line == 8);
  CHECK(m.rules[1].kind == Rule::Kind::match);
  CHECK(m.rules[1].regex);
  CHECK(m.policy.no_numeric_prefix == std::vector<std::string>{"examples", "."});
  REQUIRE(m.policy.max_depth.size() == 1);
  CHECK(m.policy.max_depth[0].root == "examples");
  CHECK(m.policy.max_depth[0].depth == 3);
  CHECK(m.policy.keep_readmes);
}

TEST_CASE("mapping: branches default to main", "[mapping]") {
  Sink sink;
  Mapping m = load_mapping("version: 1\nrepository:\n  urls: https://github.com/o/r\nmoves: []\n", "m.yaml", sink);
  REQUIRE_FALSE(sink.has_errors());
  CHECK(m.repository->branches == std::vector<std::string>{"main"});
  CHECK(m.repository->name == "r");
}

TEST_CASE("mapping: malformed YAML is reported at its position", "[mapping]") {
  CHECK(one_error("version: 1\nmoves:\n  - from: [a\n    to: b\n") == "4:7: malformed YAML: end of sequence flow not found");
  CHECK(one_error("version: 1\nmoves:\n\t- from: a\n") ==
        "3:2: malformed YAML: illegal block entry (YAML does not allow tabs for indentation)");
}

TEST_CASE("mapping: an empty file or a non-map document is an error", "[mapping]") {
  CHECK(one_error("") == "1:1: the mapping is empty; it needs at least `version: 1` and `moves:`");
  CHECK(one_error("- a\n- b\n") == "1:1: the mapping must be a YAML mapping (key: value), not a list");
}

TEST_CASE("mapping: unknown keys suggest the known one", "[mapping]") {
  CHECK(one_error("version: 1\nmoves:\n  - form: a\n    to: b\n") ==
        "3:5: unknown key `form` in a move (did you mean `from`?); expected one of `from`, `to`, `match`, `reason`");
  CHECK(one_error("version: 1\nmoves: []\npolcy: {}\n") ==
        "3:1: unknown key `polcy` in the mapping (did you mean `policy`?); expected one of `version`, `repository`, `moves`, `keep`, `policy`, `imports`");
  CHECK(one_error("version: 1\nmoves: []\nfoo: 1\n") ==
        "3:1: unknown key `foo` in the mapping; expected one of `version`, `repository`, `moves`, `keep`, `policy`, `imports`");
  CHECK(one_error("version: 1\nmoves: []\npolicy:\n  keep_readme: true\n") ==
        "4:3: unknown key `keep_readme` in `policy` (did you mean `keep_readmes`?); expected one of `no_numeric_prefix`, `max_depth`, `keep_readmes`");
}

TEST_CASE("mapping: duplicate keys are errors", "[mapping]") {
  CHECK(one_error("version: 1\nmoves:\n  - from: a\n    from: b\n    to: c\n") == "4:5: duplicate key `from` in a move");
}

TEST_CASE("mapping: wrong types", "[mapping]") {
  CHECK(one_error("version: one\nmoves: []\n") == "1:10: `version` must be an integer, not `one`");
  CHECK(one_error("version: 1\nmoves: {from: a}\n") == "2:8: `moves` must be a list of `- from: ... to: ...` entries, not a mapping");
  CHECK(one_error("version: 1\nmoves:\n  - a -> b\n") == "3:5: each move must be a mapping with `from` and `to`, not a scalar");
  CHECK(one_error("version: 1\nmoves:\n  - from: [a]\n    to: b\n") == "3:11: `from` must be a string, not a list");
  CHECK(one_error("version: 1\nmoves: []\npolicy:\n  keep_readmes: maybe\n") == "4:17: `policy.keep_readmes` must be true or false");
  CHECK(one_error("version: 1\nmoves: []\npolicy:\n  max_depth: [{root: examples, depth: -1}]\n") ==
        "4:39: `depth` must be a non-negative integer");
  CHECK(one_error("version: 1\nrepository: https://github.com/o/r\nmoves: []\n") == "2:13: `repository` must be a mapping, not a scalar");
}

TEST_CASE("mapping: missing from and to", "[mapping]") {
  CHECK(one_error("version: 1\nmoves:\n  - to: b\n") == "3:5: this move has no `from` (the path to move)");
  CHECK(one_error("version: 1\nmoves:\n  - from: a\n") == "3:5: this move has no `to` (where the path goes)");
  CHECK(one_error("version: 1\nmoves:\n  - from: a\n    match: b\n    to: c\n") ==
        "4:5: a move has either `from` (a path) or `match` (a pattern), not both");
  CHECK(one_error("moves: []\n") == "1:1: the mapping has no `version:` (add `version: 1`)");
  CHECK(one_error("version: 1\n") == "1:1: the mapping has no `moves:` list");
}

TEST_CASE("mapping: paths that cannot name something in the repository", "[mapping]") {
  auto path_error = [](const std::string& p) { return one_error("version: 1\nmoves:\n  - from: \"" + p + "\"\n    to: ok\n"); };
  CHECK(path_error("") == "3:11: `from` ``: path is empty");
  CHECK(path_error("/etc") == "3:11: `from` `/etc`: path is absolute (paths are relative to the repository root)");
  CHECK(path_error("a/../../b") == "3:11: `from` `a/../../b`: path has a `..` segment (paths may not leave the repository)");
  CHECK(path_error("..") == "3:11: `from` `..`: path has a `..` segment (paths may not leave the repository)");
  CHECK(path_error(".git/config") == "3:11: `from` `.git/config`: path names `.git` (the repository's own data)");
  CHECK(path_error("a/.GIT/b") == "3:11: `from` `a/.GIT/b`: path names `.git` (the repository's own data)");
  CHECK(path_error("a\\\\b") == "3:11: `from` `a\\b`: path contains a backslash (use `/` between directories)");
  CHECK(path_error("a//b") == "3:11: `from` `a//b`: path has an empty segment (`//`)");
  CHECK(path_error("./a") == "3:11: `from` `./a`: path has a `.` segment");
  CHECK(path_error("a\\nb") == "3:11: `from` `a\nb`: path contains a line break");
  CHECK(path_error("C:/x") == "3:11: `from` `C:/x`: path is absolute (paths are relative to the repository root)");
  // NUL inside a quoted YAML string.
  CHECK(path_error("a\\0b").find("path contains a NUL byte") != std::string::npos);
  CHECK(one_error("version: 1\nmoves:\n  - from: a\n    to: ../b\n") ==
        "4:9: `to` `../b`: path has a `..` segment (paths may not leave the repository)");
}

TEST_CASE("mapping: duplicate from", "[mapping]") {
  CHECK(one_error("version: 1\nmoves:\n  - from: a\n    to: b\n  - from: a/\n    to: c\n") ==
        "5:11: duplicate `from: a` (first given at line 3); each path can move only once");
}

TEST_CASE("mapping: unsupported version", "[mapping]") {
  CHECK(one_error("version: 2\nmoves: []\n") == "1:10: unsupported mapping version 2; this git-reorg reads version 1");
}

TEST_CASE("mapping: invalid patterns and rewrites", "[mapping]") {
  CHECK(one_error("version: 1\nmoves:\n  - match: 'a('\n    to: b\n") ==
        "3:12: `match: a(` is not a valid RE2 pattern: missing ): a(");
  CHECK(one_error("version: 1\nmoves:\n  - match: 'a(b)'\n    to: 'x/\\2'\n") ==
        "4:9: `to: x/\\2`: Rewrite schema requests 2 matches, but the regexp only has 1 parenthesized subexpressions.");
  // Backreferences are not RE2: refused, never exponential.
  CHECK(one_error("version: 1\nmoves:\n  - match: '(a+)\\1'\n    to: b\n").find("is not a valid RE2 pattern") != std::string::npos);
}

TEST_CASE("mapping: repository section problems", "[mapping]") {
  CHECK(one_error("version: 1\nrepository:\n  urls: [github.com/o/r]\nmoves: []\n") ==
        "3:10: `github.com/o/r` is not a repository URL (expected https://HOST/OWNER/REPO)");
  CHECK(one_error("version: 1\nrepository:\n  branches: [main]\nmoves: []\n") ==
        "3:3: `repository` needs `urls:` (every URL the repository is known by)");
  CHECK(one_error("version: 1\nrepository:\n  urls: [https://github.com/o/r]\n  branches: ['a b']\nmoves: []\n") ==
        "4:14: `a b` is not a valid branch name");
}

TEST_CASE("mapping: every error is reported in one run", "[mapping]") {
  auto e = errors_of(R"(version: 1
moves:
  - form: a
    to: b
  - from: /abs
    to: c
  - from: d
  - from: x
    to: y
  - from: x
    to: z
policy:
  keep_readmes: 3
)");
  REQUIRE(e.size() == 5);
  CHECK(e[0].rfind("3:5: unknown key `form`", 0) == 0);
  CHECK(e[1].rfind("5:11: `from` `/abs`: path is absolute", 0) == 0);
  CHECK(e[2] == "7:5: this move has no `to` (where the path goes)");
  CHECK(e[3].rfind("10:11: duplicate `from: x`", 0) == 0);
  CHECK(e[4] == "13:17: `policy.keep_readmes` must be true or false");
}

TEST_CASE("mapping: imports load with every field", "[mapping][imports]") {
  Sink sink;
  Mapping m = load_mapping(R"(version: 1
moves: []
imports:
  - name: inference
    repo: ../awsome-inference
    ref: main
    urls: [https://github.com/aws-samples/awsome-inference.git]
    history: preserve
    moves:
      - from: 2.projects/sglang
        to: examples/inference/sglang
      - match: '3\.use-cases/([^/]+)'
        to: 'examples/use-cases/\1'
    drop: [.github/workflows/old.yml, scratch/]
  - name: other
    repo: /srv/other
    moves: []
)",
                           "m.yaml", sink);
  INFO((sink.all().empty() ? std::string() : sink.all().front().message));
  REQUIRE(!sink.has_errors());
  REQUIRE(m.imports.size() == 2);
  const auto& a = m.imports[0];
  CHECK(a.name == "inference");
  CHECK(a.repo == "../awsome-inference");
  CHECK(a.ref == "main");
  CHECK(a.urls == std::vector<std::string>{"https://github.com/aws-samples/awsome-inference"});
  CHECK(a.history == gitreorg::mapping::Import::History::preserve);
  REQUIRE(a.rules.size() == 2);
  CHECK(a.rules[0].from == "2.projects/sglang");
  CHECK(a.rules[0].to_pos.line == 11);
  CHECK(a.rules[1].kind == Rule::Kind::match);
  REQUIRE(a.drop.size() == 2);
  CHECK(a.drop[1].path == "scratch");
  CHECK(a.drop[1].pos.line == 14);
  CHECK(m.imports[1].ref == "HEAD");
  CHECK(m.imports[1].history == gitreorg::mapping::Import::History::rewrite);
  Mapping rules = gitreorg::mapping::import_rules(m, 0);
  CHECK(rules.rules.size() == 2);
  CHECK(rules.path == "m.yaml");
}

TEST_CASE("mapping: every problem of an import at its line:col", "[mapping][imports]") {
  CHECK(one_error("version: 1\nmoves: []\nimports: {}\n") ==
        "3:10: `imports` must be a list of `- name: ... repo: ...` entries, not a mapping");
  CHECK(one_error("version: 1\nmoves: []\nimports:\n  - name: x\n    moves: []\n") == "4:5: this import has no `repo`");
  CHECK(one_error("version: 1\nmoves: []\nimports:\n  - name: x\n    repo: r\n    moves: []\n    histroy: rewrite\n") ==
        "7:5: unknown key `histroy` in an import (did you mean `history`?); expected one of `name`, `repo`, `ref`, `urls`, "
        "`history`, `moves`, `drop`");
  CHECK(one_error("version: 1\nmoves: []\nimports:\n  - name: x\n    repo: r\n    history: squash\n    moves: []\n") ==
        "6:14: `history: squash`: expected `rewrite` or `preserve`");
  CHECK(one_error("version: 1\nmoves: []\nimports:\n  - name: a b\n    repo: r\n    moves: []\n") ==
        "4:11: `name: a b`: an import's name is letters, digits, `.`, `_` and `-`");
  CHECK(one_error("version: 1\nmoves: []\nimports:\n  - {name: x, repo: r, moves: []}\n  - {name: x, repo: s, moves: []}\n") ==
        "5:12: duplicate import `x` (first given at line 4)");
  CHECK(one_error("version: 1\nmoves: []\nimports:\n  - name: x\n    repo: r\n    moves:\n      - from: ../a\n        to: b\n") ==
        "7:15: `from` `../a`: path has a `..` segment (paths may not leave the repository)");
  CHECK(one_error("version: 1\nmoves: []\nimports:\n  - name: x\n    repo: r\n    moves: []\n    drop: [a, /b]\n") ==
        "7:15: `drop: /b`: path is absolute (paths are relative to the repository root)");
  CHECK(one_error("version: 1\nmoves: []\nimports:\n  - name: x\n    repo: r\n    moves: []\n    urls: [nope]\n") ==
        "7:12: `nope` is not a repository URL (expected https://HOST/OWNER/REPO)");
}
