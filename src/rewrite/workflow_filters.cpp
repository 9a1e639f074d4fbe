// Filter lists and root paths of workflows, edited at the bytes of their scalars.
#include "rewrite/workflow_filters.hpp"

#include <algorithm>

namespace gitreorg::rewrite {
namespace {

std::string join_quoted(const std::vector<std::string>& patterns, char style, std::string_view sep) {
  std::string out;
  for (const std::string& p : patterns) {
    if (!out.empty()) out += sep;
    out += quote_scalar(p, style);
  }
  return out;
}

}  // namespace

bool FilterListEditor::rewrite(const std::vector<FilterEntry>& entries, bool flow, const std::string& where, bool check_list,
                               std::size_t list_pos, bool& changed, bool exclusions) {
  changed = false;
  std::vector<Glob> before;
  for (const FilterEntry& e : entries) {
    std::optional<Glob> g = Glob::parse(e.value, GlobDialect::github_filter);
    if (!g) return false;
    before.push_back(std::move(*g));
  }
  auto carry = [&](bool with) {
    std::vector<GlobTransform> out;
    for (const Glob& g : before) out.push_back(transform_glob(g, tree_, with));
    return out;
  };
  // Carried again without exclusions: what was left unchanged or found impossible, and a negated
  // pattern, came out as it does without them (transform_glob decides those before it looks at
  // exclusions, or carries without them); only the others are carried again.
  auto carry_without = [&](std::vector<GlobTransform> first) {
    for (std::size_t i = 0; i < before.size(); ++i)
      if (first[i].status == GlobTransform::Status::rewritten && !before[i].negated()) first[i] = transform_glob(before[i], tree_, false);
    return first;
  };
  // An entry's replacement: its patterns, then `!` for what moved in from elsewhere.
  auto replacement = [](const GlobTransform& t) {
    std::vector<std::string> out = t.patterns;
    for (const std::string& x : t.excluded) out.push_back("!" + x);
    return out;
  };
  std::vector<GlobTransform> carried = carry(exclusions);
  if (exclusions && std::any_of(carried.begin(), carried.end(), [](const GlobTransform& t) { return !t.excluded.empty(); })) {
    // An exclusion also removes what an earlier entry selected: kept only if the list still selects the same.
    std::vector<Glob> after;
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (carried[i].status != GlobTransform::Status::rewritten || !entries[i].scalar) {
        after.push_back(before[i]);
        continue;
      }
      for (const std::string& p : replacement(carried[i])) after.push_back(*Glob::parse(p, GlobDialect::github_filter));
    }
    if (select_old(before, tree_) != select_new(after, tree_)) carried = carry_without(std::move(carried));
  }
  std::vector<Glob> after;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const Glob& g = before[i];
    const GlobTransform& t = carried[i];
    if (t.status == GlobTransform::Status::unchanged) {
      after.push_back(g);
      continue;
    }
    if (t.status == GlobTransform::Status::impossible || !entries[i].scalar) {
      after.push_back(g);
      changed = true;
      warn(entries[i].pos, "filter `" + g.text() + "` in `" + where + "` cannot follow the move (it matched " +
                               std::to_string(t.matched) + " files); left as is");
      continue;
    }
    std::vector<std::string> patterns = replacement(t);
    for (const std::string& p : patterns) after.push_back(*Glob::parse(p, GlobDialect::github_filter));
    replace_with_list(*entries[i].scalar, patterns, flow, "workflow-filter");
  }
  if (!check_list) return true;
  if (!changed && select_old(before, tree_) != select_new(after, tree_)) changed = true;
  if (changed) warn(list_pos, "`" + where + "` selects different files after the move");
  return true;
}

void FilterListEditor::replace_with_list(const YamlScalar& s, const std::vector<std::string>& patterns, bool flow,
                                         const char* kind) {
  int line = lines_.line(s.begin);
  std::string original(text_.substr(s.begin, s.end - s.begin));
  if (patterns.size() == 1 || flow) {
    edits_.push_back(core::Edit{s.begin, s.end - s.begin, join_quoted(patterns, s.style, ", "), line, kind, original});
    return;
  }
  edits_.push_back(core::Edit{s.begin, s.end - s.begin, quote_scalar(patterns[0], s.style), line, kind, original});
  std::size_t line_start = s.begin == 0 ? 0 : text_.rfind('\n', s.begin - 1);
  line_start = line_start == std::string_view::npos ? 0 : (s.begin == 0 ? 0 : line_start + 1);
  std::string lead(text_.substr(line_start, s.begin - line_start));
  // `    - ` as it is, and a commented-out entry's `#    - ` too; anything else before the entry
  // (a key, another `- `) becomes spaces.
  bool item_lead = lead.ends_with("- ") && lead.find_first_not_of(" \t#") == lead.size() - 2;
  if (!item_lead) {
    std::size_t spaces = lead.find_first_not_of(' ');
    lead = std::string(spaces == std::string::npos ? lead.size() : spaces, ' ') + "- ";
  }
  std::size_t e = text_.find('\n', s.end);
  std::string eol = e != std::string_view::npos && e > 0 && text_[e - 1] == '\r' ? "\r\n" : "\n";
  std::string added;
  for (std::size_t i = 1; i < patterns.size(); ++i) {
    std::string item = lead + quote_scalar(patterns[i], s.style);
    added += e == std::string_view::npos ? eol + item : item + eol;
  }
  std::size_t at = e == std::string_view::npos ? text_.size() : e + 1;
  edits_.push_back(core::Edit{at, 0, added, line, kind, ""});
}

void FilterListEditor::warn(std::size_t pos, std::string message) {
  sink_.warning(std::string(path_), {lines_.line(pos), lines_.column(pos)}, std::move(message));
}

void rewrite_path_scalar(std::string_view path, std::string_view text, const YamlScalar& s, const PathMentions& mentions,
                         const core::LineIndex& lines, std::vector<core::Edit>& edits, std::vector<ReviewItem>& review) {
  if (s.value.value.empty()) return;
  const std::vector<MentionBase> root{{"", ""}};
  const std::string& v = s.value.value;
  if (v.find("${{") != std::string::npos) {
    mentions.rewrite_mapped(path, text, s.value, root, lines, edits, review);
    return;
  }
  MentionOutcome o = mentions.rewrite_word(v, root, false, true);
  std::size_t from = s.value.from.front(), to = s.value.to.back();
  std::string raw(text.substr(from, to - from));
  if (o.status == MentionOutcome::Status::review) review.push_back({std::string(path), lines.line(from), raw, o.reason});
  if (o.status != MentionOutcome::Status::rewritten) return;
  if (raw.size() == v.size())
    edits.push_back(core::Edit{from, to - from, o.replacement, lines.line(from), "workflow-path", raw});
  else
    edits.push_back(core::Edit{s.begin, s.end - s.begin, quote_scalar(o.replacement, s.style), lines.line(from), "workflow-path",
                               std::string(text.substr(s.begin, s.end - s.begin))});
}

}  // namespace gitreorg::rewrite
