// The demo's test cases, 3.test_cases/FW/DIR: the rows of fixture/cases.txt and the synthetic ones of
// --scale, made into files by the templates in fixture/case/; and the configs --files pads them with.
#pragma once

#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "demo/changes.hpp"

namespace gitreorg::demo {

struct TestCase {
  std::string fw;           // pytorch | megatron | jax
  std::string dir;          // under 3.test_cases/<fw>/
  std::string title;        // README title
  std::string summary;      // one paragraph
  std::string image;        // Dockerfile FROM
  std::string launcher;     // torchrun | deepspeed | python3 | accelerate
  std::string entry;        // training entry point
  std::string model;        // default model name
  std::vector<std::string> requirements;
  int nodes = 2;
  int steps = 1000;
  int batch = 256;
  std::string lr = "3e-4";
  std::string job = "training";  // the sbatch script is slurm/<dir>-<job>.sbatch
  std::string more;              // a paragraph appended to the README
  std::string sbatch_line;       // run by the sbatch script after env-vars.sh
};

// The blocks of cases.txt by "FW/DIR". Throws std::runtime_error on a line it does not understand.
std::map<std::string, TestCase> read_cases(std::string_view text);

// Synthetic case number `n` (>= 2) of framework `fw`: model-NNN, drawing its sizes from `rng`.
TestCase synthetic_case(const std::string& fw, int n, std::mt19937& rng);

std::string case_path(const TestCase& c);  // 3.test_cases/<fw>/<dir>

// Adds the files of the case to `out`.
void add_case_files(const TestCase& c, Changes& out);

// Generated training configuration number `i` for the test case at `case_path`.
std::string padding_config(std::size_t i, const std::string& case_path, std::mt19937& rng);

}  // namespace gitreorg::demo
