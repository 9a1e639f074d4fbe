// The repository the import tests merge in: a sibling with renames and a merge in its own history.
//   1. Alice: engine/README.md, engine/run.sh (executable), LICENSE, notes/todo.md
//   2. Bob: renames engine/ to 2.projects/engine/ (exact renames)
//   3. Carol, on branch `feature`: 3.use-cases/chat/README.md
//   4. Bob, on main: edits 2.projects/engine/README.md
//   5. the merge of `feature` into main (--no-ff)
//   6. Alice: edits notes/todo.md only (dropped by the mapping: this commit becomes empty)
// kSiblingImport maps it: 2.projects/engine -> examples/engine, 3.use-cases/* -> examples/use-cases/*,
// LICENSE -> examples/LICENSE.sibling, and drops notes/.
#pragma once

#include <string>

#include "support/temp_repo.hpp"

namespace gitreorg::testing {

inline std::string commit_as(TempRepo& r, const std::string& who, const std::string& message) {
  r.git({"add", "-A"});
  r.git({"commit", "-q", "--author=" + who, "-m", message});
  return TempRepo::trim(r.git({"rev-parse", "HEAD"}).out);
}

inline void make_sibling_repo(TempRepo& s) {
  s.write("engine/README.md", "# Engine\nfirst line by Alice\n");
  s.write("engine/run.sh", "#!/bin/sh\necho engine\n", fs::perms(0755));
  s.write("LICENSE", "MIT\n");
  s.write("notes/todo.md", "- todo\n");
  commit_as(s, "Alice <alice@example.com>", "Add the engine");
  fs::create_directories(s.dir() / "2.projects");
  s.git({"mv", "engine", "2.projects/engine"});
  commit_as(s, "Bob <bob@example.com>", "Number the projects");
  s.git({"checkout", "-q", "-b", "feature"});
  s.write("3.use-cases/chat/README.md", "# Chat\nby Carol\n");
  commit_as(s, "Carol <carol@example.com>", "Add the chat use case");
  s.git({"checkout", "-q", "main"});
  s.write("2.projects/engine/README.md", "# Engine\nfirst line by Alice\nsecond line by Bob\n");
  commit_as(s, "Bob <bob@example.com>", "Document the engine");
  s.git({"merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature"});
  s.write("notes/todo.md", "- todo\n- more\n");
  commit_as(s, "Alice <alice@example.com>", "More notes");
}

inline std::string sibling_import(const std::string& repo, const std::string& history = "rewrite") {
  return "  - name: sibling\n"
         "    repo: " + repo + "\n"
         "    ref: main\n"
         "    history: " + history + "\n"
         "    moves:\n"
         "      - from: 2.projects/engine\n        to: examples/engine\n"
         "      - match: '3\\.use-cases/([^/]+)'\n        to: 'examples/use-cases/\\1'\n"
         "      - from: LICENSE\n        to: examples/LICENSE.sibling\n"
         "    drop: [notes]\n";
}

}  // namespace gitreorg::testing
