// Test cases from templates: each template in fixture/case/ is filled by plain @VAR@ substitution.
#include "demo/test_case.hpp"

#include <fmt/format.h>

#include <sstream>
#include <stdexcept>
#include <utility>

#include "demo/fixture_files.hpp"

namespace gitreorg::demo {
namespace {

using Vars = std::vector<std::pair<std::string, std::string>>;

std::string subst(std::string_view text, const Vars& vars) {
  std::string s(text);
  for (const auto& [key, value] : vars) {
    for (std::size_t pos = 0; (pos = s.find(key, pos)) != std::string::npos; pos += value.size())
      s.replace(pos, key.size(), value);
  }
  return s;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string sbatch_name(const TestCase& c) { return lower(c.dir) + "-" + c.job + ".sbatch"; }
std::string k8s_name(const TestCase& c) { return lower(c.dir) + (c.fw == "jax" ? "-job.yaml" : "-pytorchjob.yaml"); }

Vars case_vars(const TestCase& c) {
  return {{"@TITLE@", c.title},       {"@SUMMARY@", c.summary},
          {"@FW@", c.fw},             {"@CASE@", c.dir},
          {"@CASE_LC@", lower(c.dir)}, {"@BASE_IMAGE@", c.image},
          {"@LAUNCH@", c.launcher},   {"@ENTRY@", c.entry},
          {"@MODEL@", c.model},       {"@NODES@", std::to_string(c.nodes)},
          {"@STEPS@", std::to_string(c.steps)}, {"@GBS@", std::to_string(c.batch)},
          {"@LR@", c.lr},             {"@SBATCH@", sbatch_name(c)},
          {"@K8S@", k8s_name(c)},     {"@SOURCE_EXTRA@", c.sbatch_line.empty() ? "" : c.sbatch_line + "\n"}};
}

std::string fill(std::string_view template_name, const Vars& vars) {
  return subst(fixture_file("case/" + std::string(template_name) + ".in"), vars);
}

int to_int(const std::string& value, const std::string& where) {
  try {
    return std::stoi(value);
  } catch (const std::exception&) {
    throw std::runtime_error("make-demo-repo: cases.txt: " + where + ": not a number: " + value);
  }
}

const std::vector<std::string> kTorchRequirements = {"torch==2.4.0", "transformers==4.44.2", "datasets==2.21.0",
                                                     "accelerate==0.33.0"};

}  // namespace

std::map<std::string, TestCase> read_cases(std::string_view text) {
  std::map<std::string, TestCase> cases;
  TestCase* c = nullptr;
  std::istringstream in{std::string(text)};
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find(' ');
    const std::string key = line.substr(0, space), value = space == std::string::npos ? "" : line.substr(space + 1);
    const std::string where = "line " + std::to_string(n);
    if (key == "case") {
      const auto slash = value.find('/');
      if (slash == std::string::npos) throw std::runtime_error("make-demo-repo: cases.txt: " + where + ": case FW/DIR");
      c = &cases[value];
      c->fw = value.substr(0, slash);
      c->dir = value.substr(slash + 1);
      continue;
    }
    if (!c) throw std::runtime_error("make-demo-repo: cases.txt: " + where + ": `" + key + "` before any case");
    if (key == "title") c->title = value;
    else if (key == "summary") c->summary = value;
    else if (key == "image") c->image = value;
    else if (key == "launcher") c->launcher = value;
    else if (key == "entry") c->entry = value;
    else if (key == "model") c->model = value;
    else if (key == "nodes") c->nodes = to_int(value, where);
    else if (key == "steps") c->steps = to_int(value, where);
    else if (key == "batch") c->batch = to_int(value, where);
    else if (key == "lr") c->lr = value;
    else if (key == "job") c->job = value;
    else if (key == "more") c->more = value;
    else if (key == "sbatch-line") c->sbatch_line = value;
    else if (key == "requirements") {
      std::istringstream words(value);
      for (std::string w; words >> w;) c->requirements.push_back(w);
    } else {
      throw std::runtime_error("make-demo-repo: cases.txt: " + where + ": unknown key `" + key + "`");
    }
  }
  return cases;
}

TestCase synthetic_case(const std::string& fw, int n, std::mt19937& rng) {
  static const char* const sizes[] = {"125m", "350m", "1b", "3b", "7b", "13b", "30b", "70b"};
  const std::string size = sizes[rng() % 8];
  TestCase c;
  c.fw = fw;
  c.dir = fmt::format("model-{:03}", n);
  c.title = fmt::format("Model {:03} ({} parameters, {})", n, size, fw);
  c.summary = fmt::format(
      "Reference pre-training recipe for a {}-parameter decoder-only model with {}. Generated to exercise tooling "
      "on repositories with many test cases.",
      size, fw == "jax" ? "JAX" : (fw == "megatron" ? "Megatron-Core" : "PyTorch"));
  c.image = fw == "jax" ? "ghcr.io/nvidia/jax:maxtext-2024-07-01" : "nvcr.io/nvidia/pytorch:24.07-py3";
  c.launcher = fw == "jax" ? "python3" : "torchrun";
  c.entry = "train.py";
  c.model = fmt::format("synthetic-{}", size);
  c.requirements = fw == "jax" ? std::vector<std::string>{"jax[cuda12]==0.4.31", "flax==0.8.5", "optax==0.2.3"}
                               : kTorchRequirements;
  // One statement per draw, in the order of the pinned demo history (see padding_config).
  c.nodes = 1 << (rng() % 4);
  c.steps = 500 * static_cast<int>(1 + rng() % 20);
  c.batch = 64 << (rng() % 5);
  const auto lr_exponent = 4 + rng() % 2;
  const auto lr_mantissa = 1 + rng() % 9;
  c.lr = fmt::format("{}e-{}", lr_mantissa, lr_exponent);
  return c;
}

std::string case_path(const TestCase& c) { return "3.test_cases/" + c.fw + "/" + c.dir; }

void add_case_files(const TestCase& c, Changes& out) {
  const Vars v = case_vars(c);
  const std::string p = case_path(c) + "/";
  const std::string fw = c.fw == "jax" ? "jax" : "pytorch";
  out[p + "README.md"] = {fill("README.md", v) + (c.more.empty() ? "" : "\n" + c.more + "\n")};
  out[p + "Dockerfile"] = {fill("Dockerfile", v)};
  out[p + "Makefile"] = {fill("Makefile", v)};
  std::string requirements;
  for (const auto& r : c.requirements) requirements += r + "\n";
  out[p + "requirements.txt"] = {requirements};
  out[p + c.entry] = {fill("train-" + fw + ".py", v)};
  out[p + "model_utils.py"] = {fill("model_utils-" + fw + ".py", v)};
  out[p + "create-venv.sh"] = {fill("create-venv.sh", v), core::kModeExecutable};
  out[p + "slurm/" + sbatch_name(c)] = {fill("job.sbatch", v), core::kModeExecutable};
  out[p + "kubernetes/" + k8s_name(c)] = {fill(c.fw == "jax" ? "jax-job.yaml" : "pytorchjob.yaml", v)};
}

std::string padding_config(std::size_t i, const std::string& case_path, std::mt19937& rng) {
  static const char* const optimizers[] = {"adamw", "adafactor", "lion", "sgd"};
  static const char* const precisions[] = {"bf16", "fp16", "fp8", "fp32"};
  // One variable per draw, in the order that gives the pinned demo history: once these were the
  // arguments of one call, which GCC evaluates right to left (C++ leaves the order unspecified).
  const unsigned layers = 12 + 4 * (rng() % 20);
  const unsigned hidden = 768 + 256 * (rng() % 32);
  const auto seed = rng() % 100000;
  const auto steps = 1000 * (1 + rng() % 50);
  const unsigned batch = 32U << (rng() % 6);
  const char* const precision = precisions[rng() % 4];
  const auto weight_decay = rng() % 10;
  const auto lr_exponent = 3 + rng() % 3;
  const auto lr_mantissa = 1 + rng() % 9;
  const char* const optimizer = optimizers[rng() % 4];
  const unsigned seq_length = 1024U << (rng() % 4);
  // One config in 50 names its test case's path, as real configs name data and script paths now
  // and then: enough path mentions for the rewriter to work on, not one in every file.
  const std::string about = i % 50 == 0 ? " for " + case_path : std::string();
  return fmt::format(
      "# Generated training configuration {:05}{}\n"
      "name: cfg-{:05}\n"
      "model:\n"
      "  num_layers: {}\n"
      "  hidden_size: {}\n"
      "  num_attention_heads: {}\n"
      "  seq_length: {}\n"
      "optimizer:\n"
      "  name: {}\n"
      "  lr: {}.0e-{}\n"
      "  weight_decay: 0.{}\n"
      "trainer:\n"
      "  precision: {}\n"
      "  global_batch_size: {}\n"
      "  max_steps: {}\n"
      "  seed: {}\n",
      i, about, i, layers, hidden, hidden / 128, seq_length, optimizer, lr_mantissa, lr_exponent, weight_decay,
      precision, batch, steps, seed);
}

}  // namespace gitreorg::demo
