// Every `--format json` output validated against its JSON Schema in docs/schemas/ by python3-jsonschema
// (an independent validator), on the demo repository and the sibling it imports: plan (with its import,
// and with `keep:` and an error), where (answers and errors), check, links and rewrite. A document of
// the wrong shape is rejected, so the schemas are strict enough to catch a changed output; each output
// names its schema and version (`schema`, `schema_version`), and the same document with another name
// or version is rejected.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "support/temp_repo.hpp"

namespace {

using gitreorg::testing::CommandResult;
using gitreorg::testing::run_command;
namespace fs = std::filesystem;

// The schema is itself checked against its metaschema (draft 2020-12), then the document against it.
constexpr const char* kValidate =
    "import json, sys, jsonschema\n"
    "schema = json.load(open(sys.argv[2]))\n"
    "jsonschema.Draft202012Validator.check_schema(schema)\n"
    "errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[1]))))\n"
    "for e in errors: print('/'.join(map(str, e.absolute_path)) + ': ' + e.message)\n"
    "sys.exit(1 if errors else 0)\n";

std::string schema_path(const std::string& name) {
  return std::string(GITREORG_SOURCE_DIR) + "/docs/schemas/" + name + ".schema.json";
}

// Writes `document` to a file in `dir` and validates it: the validator's exit code and messages.
CommandResult validate(const fs::path& dir, const std::string& document, const std::string& schema) {
  static int n = 0;
  fs::path file = dir / ("doc-" + std::to_string(n++) + ".json");
  std::ofstream(file, std::ios::binary) << document;
  return run_command({"python3", "-c", kValidate, file.string(), schema_path(schema)});
}

// `document` (valid) names schema `git-reorg-NAME` version 1; with version 2, 0 or "1", or another
// schema's name, or without either, the same document is rejected.
void check_versioned(const std::string& document, const std::string& name) {
  gitreorg::testing::TempDir scratch{"gitreorg-schema-version"};
  fs::create_directories(scratch.path());
  nlohmann::json doc = nlohmann::json::parse(document);
  REQUIRE(doc.is_object());
  CHECK(doc["schema"] == "git-reorg-" + name);
  CHECK(doc["schema_version"] == 1);
  for (const nlohmann::json& version : {nlohmann::json(2), nlohmann::json(0), nlohmann::json("1")}) {
    nlohmann::json other = doc;
    other["schema_version"] = version;
    CommandResult v = validate(scratch.path(), other.dump(), name);
    INFO(name << " with schema_version " << version.dump() << ": " << v.out << v.err);
    CHECK(v.exit_code == 1);
    CHECK(v.out.find("schema_version: 1 was expected") != std::string::npos);
  }
  nlohmann::json renamed = doc;
  renamed["schema"] = name == "plan" ? "git-reorg-check" : "git-reorg-plan";
  CommandResult v = validate(scratch.path(), renamed.dump(), name);
  INFO(v.out);
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("schema: 'git-reorg-" + name + "' was expected") != std::string::npos);
  for (const char* key : {"schema", "schema_version"}) {
    nlohmann::json without = doc;
    without.erase(key);
    CHECK(validate(scratch.path(), without.dump(), name).exit_code == 1);
  }
}

struct Demo {
  gitreorg::testing::TempDir scratch{"gitreorg-schema"};
  fs::path dir = scratch.path() / "repo";
  std::string mapping = std::string(GITREORG_SOURCE_DIR) + "/mappings/demo.yaml";
  std::map<std::string, std::string> env = gitreorg::testing::fixed_git_env();
  Demo() {
    REQUIRE(run_command({GITREORG_DEMO_PATH, "--sibling", (scratch.path() / "demo-inference").string()}).exit_code == 0);
    REQUIRE(run_command({GITREORG_DEMO_PATH, dir.string(), "--scale", "2"}).exit_code == 0);
  }
  CommandResult reorg(std::vector<std::string> args) const {
    args.insert(args.begin(), GITREORG_CLI_PATH);
    return run_command(args, dir, env);
  }
  // Runs the command, expects `exit_code`, and validates its standard output against `schema`.
  void check(const std::vector<std::string>& args, int exit_code, const std::string& schema) const {
    CommandResult r = reorg(args);
    INFO(args[0] << ": " << r.err);
    REQUIRE(r.exit_code == exit_code);
    CommandResult v = validate(scratch.path(), r.out, schema);
    INFO(v.out << v.err);
    CHECK(v.exit_code == 0);
    check_versioned(r.out, schema);
  }
};

}  // namespace

TEST_CASE("json schema: every JSON output of the demo validates against its schema in docs/schemas", "[cli][json-schema]") {
  Demo d;
  // The plan with its import (imports, commit_map's source: files, references, needs_review).
  CommandResult plan = d.reorg({"plan", d.mapping, "--format", "json"});
  REQUIRE(plan.exit_code == 0);
  REQUIRE(plan.out.find("\"imports\"") != std::string::npos);
  CommandResult v = validate(d.scratch.path(), plan.out, "plan");
  INFO(v.out << v.err);
  CHECK(v.exit_code == 0);
  check_versioned(plan.out, "plan");
  // With `keep:` (kept, summary.kept) and an error (the policy keep_readmes): still the same schema.
  fs::path keep = d.scratch.path() / "keep.yaml";
  std::ifstream in(d.mapping, std::ios::binary);
  std::ofstream(keep, std::ios::binary) << in.rdbuf() << "keep:\n  - 3.test_cases/pytorch/FSDP/README.md\n";
  CommandResult kept = d.reorg({"plan", keep.string(), "--format", "json"});
  REQUIRE(kept.out.find("\"kept\"") != std::string::npos);
  REQUIRE(kept.out.find("\"severity\": \"error\"") != std::string::npos);
  d.check({"plan", keep.string(), "--format", "json"}, 1, "plan");

  // where: moved, dropped (an import's), invalid (an error, exit 1), unchanged, and a non-UTF-8 name.
  d.check({"where", d.mapping, "--format", "json", "3.test_cases/pytorch/FSDP", "awsome-inference:LICENSE", "../x", "README.md",
           "3.test_cases/pytorch/FSDP/\xff.bin"},
          1, "where");
  d.check({"where", d.mapping, "--format", "json", "-r", "examples/training/pytorch/fsdp"}, 0, "where");
  d.check({"check", d.mapping, "--format", "json"}, 0, "check");
  d.check({"links", "--format", "json", "--suggest"}, 1, "links");  // the demo's two links broken before the migration

  fs::path docs = d.scratch.path() / "docs";
  fs::create_directories(docs);
  std::ofstream(docs / "guide.md", std::ios::binary)
      << "See https://github.com/aws-samples/awsome-distributed-training/blob/main/3.test_cases/pytorch/FSDP/README.md\n";
  d.check({"rewrite", d.mapping, docs.string(), "--check", "--format", "json"}, 1, "rewrite");
  // A mapping with errors stops rewrite before any document is read: the same schema still reads it.
  fs::path bad = d.scratch.path() / "bad.yaml";
  std::ofstream(bad, std::ios::binary) << "version: 1\nmoves:\n  - form: x\n    to: y\n";
  d.check({"rewrite", bad.string(), docs.string(), "--check", "--format", "json"}, 1, "rewrite");
  d.check({"check", bad.string(), "--format", "json"}, 1, "check");
}

TEST_CASE("json schema: a document of the wrong shape is rejected", "[cli][json-schema]") {
  gitreorg::testing::TempDir scratch("gitreorg-schema");
  fs::create_directories(scratch.path());
  // A where answer with a wrong type, one with a required field missing, one with an unknown field.
  auto where = [](const std::string& answers) {
    return R"({"schema": "git-reorg-where", "schema_version": 1, "answers": )" + answers + "}";
  };
  std::string answer = R"({"query": "a", "answer": "b", "kind": "moved", "rule": 3, "detail": null})";
  CHECK(validate(scratch.path(), where("[" + answer + "]"), "where").exit_code == 0);
  CHECK(validate(scratch.path(), "[" + answer + "]", "where").exit_code == 1);  // the bare array of before versioning
  CommandResult wrong_type = validate(
      scratch.path(), where(R"([{"query": "a", "answer": "b", "kind": "moved", "rule": "3", "detail": null}])"), "where");
  CHECK(wrong_type.exit_code == 1);
  CHECK(wrong_type.out.find("answers/0/rule: '3' is not of type 'integer', 'null'") != std::string::npos);
  CHECK(validate(scratch.path(), where(R"([{"query": "a", "answer": "b", "kind": "moved", "rule": 3}])"), "where").exit_code ==
        1);
  CHECK(validate(scratch.path(), where(R"([{"query": "a", "answer": "b", "kind": "moved", "rule": 3, "detail": null, "x": 1}])"),
                 "where")
            .exit_code == 1);
  CHECK(
      validate(scratch.path(), where(R"([{"query": "a", "answer": "b", "kind": "renamed", "rule": 3, "detail": null}])"), "where")
          .exit_code == 1);
  // A plan of another version, and one without its files.
  CommandResult plan = validate(scratch.path(), R"({"schema": "git-reorg-plan", "schema_version": 2})", "plan");
  CHECK(plan.exit_code == 1);
  CHECK(plan.out.find("'files' is a required property") != std::string::npos);
  CHECK(plan.out.find("schema_version: 1 was expected") != std::string::npos);
  const std::string links =
      R"("schema": "git-reorg-links", "schema_version": 1, "rev": "HEAD", "files": 1, "links": 2, "broken": 0, "diagnostics": [])";
  CHECK(validate(scratch.path(), R"({"ok": "yes", )" + links + "}", "links").exit_code == 1);
  CHECK(validate(scratch.path(), R"({"ok": true, )" + links + "}", "links").exit_code == 0);
  // Unversioned, as links printed it before: rejected.
  CHECK(
      validate(scratch.path(), R"({"ok": true, "rev": "HEAD", "files": 1, "links": 2, "broken": 0, "diagnostics": []})", "links")
          .exit_code == 1);
}

// Issue 12: names that are not UTF-8 are carried losslessly in every JSON output, `path_bytes` beside
// the string (which shows U+FFFD): base64 of the bytes, decoded here by coreutils' base64 and compared
// to what `git ls-files -z` prints. The documents still validate against their schemas.
TEST_CASE("json schema: plan, check and links carry names that are not UTF-8 in path_bytes", "[cli][json-schema][quote-path]") {
  gitreorg::testing::TempRepo r;
  const std::string odd = "old/\xff.md", link = "old/\xff-link", tab = "old/tab\there.md", cafe = "old/caf\xc3\xa9.md";
  for (const std::string& name : {odd, tab, cafe}) r.write(name, "[x](gone.md)\n");
  r.symlink("gone-\xff", link);  // not in the tree: a warning at the link, naming its target
  r.write("mapping.yaml", "version: 1\nmoves:\n  - from: old\n    to: new\n");
  r.commit("init");
  auto decode = [](const nlohmann::json& b64) {
    REQUIRE(b64.is_string());
    CommandResult d = run_command({"sh", "-c", "printf '%s' \"$1\" | base64 -d", "sh", b64.get<std::string>()});
    REQUIRE(d.exit_code == 0);
    return d.out;
  };
  auto git_name = [&](const std::string& path) {
    std::string z = r.git({"ls-files", "-z", path}).out;
    REQUIRE(!z.empty());
    return z.substr(0, z.size() - 1);
  };
  auto validated = [&](const std::vector<std::string>& args, int exit_code, const std::string& schema) {
    CommandResult out = r.reorg(args);
    INFO(args[0] << ": " << out.err);
    REQUIRE(out.exit_code == exit_code);
    CommandResult v = validate(r.dir(), out.out, schema);
    INFO(v.out << v.err);
    CHECK(v.exit_code == 0);
    return nlohmann::json::parse(out.out);
  };
  const std::string fffd = "\xef\xbf\xbd";

  nlohmann::json plan = validated({"plan", "mapping.yaml", "--format", "json"}, 0, "plan");
  std::map<std::string, nlohmann::json> files;
  for (const nlohmann::json& f : plan["files"]) files[f["old"]] = f;
  REQUIRE(files.count("old/" + fffd + ".md"));
  const nlohmann::json& f = files["old/" + fffd + ".md"];
  CHECK(f["new"] == "new/" + fffd + ".md");
  CHECK(decode(f["path_bytes"]["old"]) == git_name(odd));
  CHECK(decode(f["path_bytes"]["new"]) == "new/\xff.md");
  CHECK(f["path_bytes"].size() == 2);
  // Names that are UTF-8 (a tab, `café`) are strings as they are, without path_bytes.
  CHECK(files.at(tab)["new"] == "new/tab\there.md");
  CHECK_FALSE(files.at(tab).contains("path_bytes"));
  CHECK(files.at(cafe)["new"] == "new/caf\xc3\xa9.md");
  CHECK_FALSE(files.at(cafe).contains("path_bytes"));
  auto warning_at_link = [&](const nlohmann::json& doc) {
    for (const nlohmann::json& d : doc["diagnostics"])
      if (d.contains("path_bytes") && decode(d["path_bytes"]["path"]) == git_name(link)) {
        CHECK(d["path"] == "old/" + fffd + "-link");
        CHECK(decode(d["path_bytes"]["message"]) == "symlink target `gone-\xff` is not in the tree (left as is)");
        return true;
      }
    return false;
  };
  CHECK(warning_at_link(plan));

  nlohmann::json check = validated({"check", "mapping.yaml", "--format", "json"}, 0, "check");
  CHECK(warning_at_link(check));
  CHECK_FALSE(check.contains("path_bytes"));  // the mapping's own name is UTF-8

  nlohmann::json links = validated({"links", "--format", "json"}, 1, "links");
  std::vector<std::string> broken;
  for (const nlohmann::json& d : links["diagnostics"])
    broken.push_back(d.contains("path_bytes") ? decode(d["path_bytes"]["path"]) : d["path"].get<std::string>());
  CHECK(broken == std::vector<std::string>{cafe, tab, git_name(odd)});
  CHECK(links["diagnostics"][2]["path"] == "old/" + fffd + ".md");
  CHECK(links["diagnostics"][2]["path_bytes"].size() == 1);  // its message is UTF-8
}
