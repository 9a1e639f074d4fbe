// Sets environment variables for the lifetime of an object and puts back what was there before
// (the value, or the variable's absence), so a test leaks nothing into the next one.
#pragma once

#include <stdlib.h>

#include <map>
#include <optional>
#include <string>

namespace gitreorg::testing {

class ScopedEnv {
 public:
  // `vars`: name -> value; nullopt unsets the variable.
  explicit ScopedEnv(const std::map<std::string, std::optional<std::string>>& vars) {
    for (const auto& [name, value] : vars) {
      const char* old = std::getenv(name.c_str());
      saved_[name] = old ? std::optional<std::string>(old) : std::nullopt;
      set(name, value);
    }
  }
  explicit ScopedEnv(const std::map<std::string, std::string>& vars) : ScopedEnv(optional_values(vars)) {}
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) set(name, value);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  static void set(const std::string& name, const std::optional<std::string>& value) {
    if (value)
      setenv(name.c_str(), value->c_str(), 1);
    else
      unsetenv(name.c_str());
  }
  static std::map<std::string, std::optional<std::string>> optional_values(const std::map<std::string, std::string>& vars) {
    return {vars.begin(), vars.end()};
  }
  std::map<std::string, std::optional<std::string>> saved_;
};

}  // namespace gitreorg::testing
