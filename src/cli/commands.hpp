// The table of subcommands: one factory per subcommand file.
#pragma once

#include <memory>

#include "cli/command.hpp"

namespace gitreorg::cli {

std::unique_ptr<Command> make_check_command();
std::unique_ptr<Command> make_where_command();
std::unique_ptr<Command> make_plan_command();
std::unique_ptr<Command> make_apply_command();
std::unique_ptr<Command> make_links_command();
std::unique_ptr<Command> make_stubs_command();
std::unique_ptr<Command> make_rewrite_command();
std::unique_ptr<Command> make_invert_command();

}  // namespace gitreorg::cli
