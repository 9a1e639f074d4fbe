// The test runner's main: Catch2's, with libgit2 initialised for the whole run.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "gitreorg/git/error.hpp"

int main(int argc, char** argv) {
  gitreorg::git::LibGit2 libgit2;
  return Catch::Session().run(argc, argv);
}
