// Markdown link finding on md4c's callbacks.
//
// md4c hands over destinations as MD_ATTRIBUTEs. When a destination has no escapes or entities, its
// text pointer points into our buffer: that pointer minus the buffer start is the exact offset. When
// it has them, md4c builds a copy, and we find the raw bytes ourselves: after the link's last text
// byte comes `](`, then the destination, which must decode to what md4c reported.
//
// Reference definitions are not spans: a link that uses one gets the definition's destination (whose
// pointer then lies in the definition's line). Definitions nobody uses are found by a line scan of
// definition syntax outside code and HTML blocks, and each candidate is confirmed by md4c itself:
// the document is parsed once more with a `[label]` reference per candidate appended, and only the
// labels that resolve to the candidate's bytes are definitions.
//
// Raw HTML arrives as MD_TEXT_HTML text (pointing into the buffer); its href/src/srcset attributes
// are parsed here.
#include "gitreorg/markdown/markdown_scan.hpp"

#include <fmt/format.h>
#include <md4c.h>

#include <algorithm>
#include <memory>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

#include "gitreorg/core/edit.hpp"
#include "gitreorg/core/path.hpp"
#include "gitreorg/core/utf8.hpp"
#include "markdown/link_destination.hpp"

namespace gitreorg::markdown {
namespace {

constexpr unsigned kFlags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS;

struct Range {
  std::size_t begin, end;
};

struct OpenSpan {
  MarkdownLink::Kind kind;
  const char* ptr;
  std::size_t size;
  // md4c builds a destination with escapes or entities in a buffer that lives only during
  // enter_span: such destinations are copied here, and `ptr` points at the copy.
  std::shared_ptr<const std::string> copy;
};

struct DefinitionCandidate {
  std::string label;
  RawDestination dest;
};

class Scanner {
 public:
  // md4c 0.4.8 reads out of bounds on some invalid UTF-8 (a continuation byte before `##`, fixed
  // upstream in md4c#167), so it parses a copy in which every byte that is not part of valid UTF-8 is
  // `?`: same length, same offsets. Raw bytes and HTML values are taken from the original.
  explicit Scanner(std::string_view text) : original_(text), text_(text), lines_(text) {
    if (core::valid_utf8(text)) return;
    clean_ = core::sanitize_utf8(text);
    text_ = clean_;
  }

  MarkdownScan run() {
    parse(text_, /*collect=*/true);
    out_.code_read = clean_.empty();
    if (!out_.code_read) {  // offsets into the sanitized copy
      out_.prose.clear();
      out_.heading_prose.clear();
    }
    std::sort(code_.begin(), code_.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
    find_definitions();
    for (const Range& r : merged_html()) {
      scan_html(r);
      find_comments(r);
    }
    finish();
    if (!clean_.empty()) restore_original_bytes();
    // The scan cache keeps scans for the whole run: no growth slack.
    out_.links.shrink_to_fit();
    out_.headings.shrink_to_fit();
    out_.html_anchors.shrink_to_fit();
    out_.tables.shrink_to_fit();
    for (auto* ranges : {&out_.code, &out_.comments, &out_.prose, &out_.heading_prose}) ranges->shrink_to_fit();
    return std::move(out_);
  }

 private:
  // --- md4c plumbing -------------------------------------------------------------------------
  void parse(std::string_view doc, bool collect) {
    collect_ = collect;
    doc_ = doc;
    MD_PARSER p{};
    p.flags = kFlags;
    p.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Scanner*>(u)->enter_block(t, d); };
    p.leave_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<Scanner*>(u)->leave_block(t, d); };
    p.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Scanner*>(u)->enter_span(t, d); };
    p.leave_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<Scanner*>(u)->leave_span(t, d); };
    p.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) { return static_cast<Scanner*>(u)->on_text(t, s, n); };
    md_parse(doc.data(), static_cast<MD_SIZE>(doc.size()), &p, this);
  }

  bool in_buffer(const char* p, std::size_t n) const {
    return p && p >= text_.data() && p + n <= text_.data() + text_.size() && n <= text_.size();
  }
  bool in_doc(const char* p) const { return p && p >= doc_.data() && p <= doc_.data() + doc_.size(); }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    if (type == MD_BLOCK_H && collect_) {
      heading_ = Heading{static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level), "", 0};
      in_heading_ = true;
    }
    if (type == MD_BLOCK_CODE) in_code_block_ = true;
    if (type == MD_BLOCK_HTML) in_html_block_ = true;
    if (type == MD_BLOCK_TABLE && collect_) {
      auto* t = static_cast<MD_BLOCK_TABLE_DETAIL*>(detail);
      table_ = MarkdownTable{0, static_cast<int>(t->head_row_count + 1 + t->body_row_count), t->col_count};
      in_table_ = true;
      table_row_ = -1;
    }
    if (type == MD_BLOCK_TR && in_table_) ++table_row_;
    return 0;
  }
  int leave_block(MD_BLOCKTYPE type, void*) {
    if (type == MD_BLOCK_H && collect_) {
      in_heading_ = false;
      if (heading_.line == 0) heading_.line = lines_.line(cursor_);
      out_.headings.push_back(std::move(heading_));
    }
    if (type == MD_BLOCK_CODE) in_code_block_ = false;
    if (type == MD_BLOCK_HTML) in_html_block_ = false;
    if (type == MD_BLOCK_TABLE && in_table_) {
      in_table_ = false;
      if (table_.first_line > 0) out_.tables.push_back(table_);
    }
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    if (type == MD_SPAN_A) {
      auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
      spans_.push_back(open_span(MarkdownLink::Kind::link, a->href.text, a->href.size));
    } else if (type == MD_SPAN_IMG) {
      auto* img = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
      spans_.push_back(open_span(MarkdownLink::Kind::image, img->src.text, img->src.size));
    }
    return 0;
  }
  OpenSpan open_span(MarkdownLink::Kind kind, const char* p, std::size_t n) const {
    if (!p || in_doc(p)) return {kind, p, n, nullptr};
    auto copy = std::make_shared<const std::string>(p, n);
    return {kind, copy->data(), n, copy};
  }
  int leave_span(MD_SPANTYPE type, void*) {
    if (type != MD_SPAN_A && type != MD_SPAN_IMG) return 0;
    if (spans_.empty()) return 0;  // md4c 0.4 can leave a span it never entered (NUL bytes, see safety tests)
    OpenSpan s = spans_.back();
    spans_.pop_back();
    if (collect_)
      on_link(s);
    else if (in_doc(s.ptr) && s.ptr >= text_.data() && s.ptr < text_.data() + text_.size())
      resolved_offsets_.insert(static_cast<std::size_t>(s.ptr - text_.data()));
    else if (s.size)
      resolved_values_.insert(decode_entities(std::string_view(s.ptr, s.size)));
    return 0;
  }

  int on_text(MD_TEXTTYPE type, const MD_CHAR* s, MD_SIZE n) {
    if (!collect_) return 0;
    if (n > doc_.size()) return 0;  // md4c 0.4 once reported a 3 GB text in a heading (fuzzing): not ours to read
    if (in_buffer(s, n)) {
      std::size_t off = static_cast<std::size_t>(s - text_.data());
      cursor_ = std::max(cursor_, off + n);
      if (in_heading_ && heading_.line == 0) heading_.line = lines_.line(off);
      // The first text of a table tells its first line: row k (0 the header) is on the k-th line after
      // it, past the delimiter row for the body rows.
      if (in_table_ && table_.first_line == 0 && table_row_ >= 0)
        table_.first_line = lines_.line(off) - (table_row_ == 0 ? 0 : table_row_ + 1);
      if (type == MD_TEXT_HTML) html_.push_back({off, off + n});
      if (type == MD_TEXT_CODE) out_.code.emplace_back(off, off + n);
      if (type == MD_TEXT_CODE && in_code_block_) code_.push_back({off, off + n});
      if (type == MD_TEXT_HTML && in_html_block_) code_.push_back({off, off + n});
      if (type == MD_TEXT_NORMAL && spans_.empty()) (in_heading_ ? out_.heading_prose : out_.prose).emplace_back(off, off + n);
    }
    if (in_heading_) {
      std::string_view t(s, n);
      if (type == MD_TEXT_ENTITY)
        heading_.text += decode_entities(t);
      else if (type == MD_TEXT_NORMAL || type == MD_TEXT_CODE)
        heading_.text += t;
      else if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
        heading_.text += ' ';
    }
    return 0;
  }

  // --- links -----------------------------------------------------------------------------------
  void on_link(const OpenSpan& s) {
    if (s.size == 0) return;  // `[x]()`: nothing to resolve
    MarkdownLink link;
    link.kind = s.kind;
    link.raw = decode_entities(std::string_view(s.ptr, s.size));
    if (in_buffer(s.ptr, s.size)) {
      link.offset = static_cast<std::size_t>(s.ptr - text_.data());
      link.length = s.size;
    } else if (auto raw = locate_inline(link.raw)) {
      link.offset = raw->offset;
      link.length = raw->length;
    } else {
      link.located = false;
      link.line = lines_.line(std::min(cursor_, text_.empty() ? 0 : text_.size() - 1));
    }
    links_.push_back(std::move(link));
  }

  // Finds `](destination` after the link's text whose destination decodes to `decoded`.
  std::optional<RawDestination> locate_inline(const std::string& decoded) const {
    std::size_t limit = std::min(text_.size(), cursor_ + 4096);
    std::size_t end_of_paragraph = text_.find("\n\n", cursor_);
    if (end_of_paragraph != std::string_view::npos) limit = std::min(limit, end_of_paragraph);
    for (std::size_t p = text_.find("](", cursor_); p != std::string_view::npos && p < limit; p = text_.find("](", p + 1)) {
      RawDestination d = parse_destination(text_, p + 2, true);
      if (d.ok && markdown_unescape(text_.substr(d.offset, d.length)) == decoded) return d;
    }
    return std::nullopt;
  }

  bool in_code(std::size_t off) const {
    auto it = std::upper_bound(code_.begin(), code_.end(), off, [](std::size_t o, const Range& r) { return o < r.begin; });
    if (it == code_.begin()) return false;
    --it;
    return off >= it->begin && off < it->end;
  }

  // Definition syntax, line by line, outside code and HTML blocks; confirmed by md4c below.
  void find_definitions() {
    std::vector<DefinitionCandidate> candidates;
    std::size_t line = 0;
    while (line < text_.size()) {
      std::size_t eol = text_.find('\n', line);
      if (eol == std::string_view::npos) eol = text_.size();
      std::size_t i = line;
      while (i < eol && i - line < 3 && text_[i] == ' ') ++i;
      if (i < eol && text_[i] == '[' && !in_code(i)) {
        std::size_t j = i + 1;
        bool ok = true;
        while (j < eol && text_[j] != ']') {
          if (text_[j] == '[') ok = false;
          j += text_[j] == '\\' ? 2 : 1;
        }
        std::string_view label = j < eol ? text_.substr(i + 1, j - i - 1) : std::string_view{};
        bool blank = label.find_first_not_of(" \t") == std::string_view::npos;
        if (ok && j + 1 < eol && text_[j + 1] == ':' && !blank && label.size() <= 999 && label.front() != '^') {
          RawDestination d = parse_destination(text_, j + 2, false);
          std::size_t after = d.offset + d.length + (d.angle ? 1 : 0);
          if (d.ok && (after >= text_.size() || std::isspace(static_cast<unsigned char>(text_[after]))))
            candidates.push_back({std::string(label), d});
        }
      }
      line = eol + 1;
    }
    if (candidates.empty()) return;
    // Ask md4c which candidates are definitions: reference each label after the document.
    std::string doc(text_);
    doc += "\n\n";
    for (const DefinitionCandidate& c : candidates) doc += "[" + c.label + "]\n\n";
    text_doc_ = std::move(doc);
    // Pointers into the copy must be translated back to offsets in text_.
    std::string_view saved = text_;
    text_ = std::string_view(text_doc_.data(), saved.size());
    parse(text_doc_, /*collect=*/false);
    text_ = saved;
    for (const DefinitionCandidate& c : candidates) {
      const RawDestination& d = c.dest;
      std::string raw(text_.substr(d.offset, d.length));
      bool confirmed = resolved_offsets_.count(d.offset) ||
                       (d.length > 0 && resolved_values_.count(markdown_unescape(raw)));
      if (!confirmed || d.length == 0) continue;
      MarkdownLink link;
      link.kind = MarkdownLink::Kind::definition;
      link.offset = d.offset;
      link.length = d.length;
      link.raw = markdown_unescape(raw);
      definitions_.push_back(std::move(link));
    }
  }

  // Adjacent HTML chunks (an HTML block arrives line by line) form one range.
  std::vector<Range> merged_html() const {
    std::vector<Range> r = html_;
    std::sort(r.begin(), r.end(), [](const Range& a, const Range& b) { return a.begin < b.begin; });
    std::vector<Range> out;
    for (const Range& x : r) {
      if (!out.empty() && x.begin <= out.back().end + 1 &&
          text_.substr(out.back().end, x.begin - std::min(x.begin, out.back().end)).find_first_not_of(" \t\r\n") == std::string_view::npos)
        out.back().end = std::max(out.back().end, x.end);
      else
        out.push_back(x);
    }
    return out;
  }

  // The text of each HTML comment in raw HTML `r` (to its `-->`, or to the end of `r`).
  void find_comments(const Range& r) {
    std::string_view html = text_.substr(r.begin, r.end - r.begin);
    for (std::size_t at = html.find("<!--"); at != std::string_view::npos;) {
      std::size_t b = at + 4, e = html.find("-->", b);
      if (e == std::string_view::npos) e = html.size();
      out_.comments.emplace_back(r.begin + b, r.begin + e);
      at = html.find("<!--", e);
    }
  }

  void add_html_link(std::size_t off, std::size_t len) {
    MarkdownLink link;
    link.kind = MarkdownLink::Kind::html;
    link.offset = off;
    link.length = len;
    link.syntax = Syntax::html;
    link.raw = decode_entities(text_.substr(off, len));
    if (!link.raw.empty()) html_links_.push_back(std::move(link));
  }

  // Tags and their attributes in raw HTML; href/src/srcset are links, name/id are anchors.
  void scan_html(const Range& r) {
    std::size_t i = r.begin;
    auto at = [&](std::size_t k) { return k < r.end ? text_[k] : '\0'; };
    while (i < r.end) {
      if (text_.substr(i, 4) == "<!--") {
        std::size_t e = text_.find("-->", i + 4);
        i = e == std::string_view::npos ? r.end : e + 3;
        continue;
      }
      if (at(i) != '<' || !std::isalpha(static_cast<unsigned char>(at(i + 1)))) {
        ++i;
        continue;
      }
      std::size_t j = i + 1;
      while (j < r.end && (std::isalnum(static_cast<unsigned char>(at(j))) || at(j) == '-')) ++j;
      std::string_view tag = text_.substr(i + 1, j - i - 1);
      while (j < r.end) {
        while (j < r.end && std::isspace(static_cast<unsigned char>(at(j)))) ++j;
        if (j >= r.end || at(j) == '>' || at(j) == '<') break;
        if (at(j) == '/') {
          ++j;
          continue;
        }
        std::size_t n = j;
        while (j < r.end && !std::isspace(static_cast<unsigned char>(at(j))) && at(j) != '=' && at(j) != '>' && at(j) != '/') ++j;
        std::string_view name = text_.substr(n, j - n);
        std::size_t k = j;
        while (k < r.end && std::isspace(static_cast<unsigned char>(at(k)))) ++k;
        if (at(k) != '=') continue;
        ++k;
        while (k < r.end && std::isspace(static_cast<unsigned char>(at(k)))) ++k;
        std::size_t vb = k, ve = k;
        if (at(k) == '"' || at(k) == '\'') {
          char q = at(k);
          vb = k + 1;
          ve = vb;
          while (ve < r.end && at(ve) != q) ++ve;
          j = ve + 1;
        } else {
          while (ve < r.end && !std::isspace(static_cast<unsigned char>(at(ve))) && at(ve) != '>') ++ve;
          j = ve;
        }
        if (core::iequals(name, "href") || core::iequals(name, "src")) {
          add_html_link(vb, ve - vb);
        } else if (core::iequals(name, "srcset")) {
          std::size_t c = vb;
          while (c < ve) {
            while (c < ve && (std::isspace(static_cast<unsigned char>(at(c))) || at(c) == ',')) ++c;
            std::size_t ue = c;
            while (ue < ve && !std::isspace(static_cast<unsigned char>(at(ue)))) ++ue;
            std::size_t url_end = ue;
            if (url_end > c && at(url_end - 1) == ',') --url_end;
            if (url_end > c) add_html_link(c, url_end - c);
            while (ue < ve && at(ue) != ',') ++ue;
            c = ue;
          }
        } else if (core::iequals(name, "id") || (core::iequals(name, "name") && core::iequals(tag, "a"))) {
          out_.html_anchors.push_back(decode_entities(text_.substr(vb, ve - vb)));
        }
      }
      i = j;
    }
  }

  // Merges the three sources, drops duplicates (a definition used twice, a link to a definition).
  void finish() {
    std::set<std::size_t> def_offsets;
    std::set<std::string> def_values;
    for (const MarkdownLink& d : definitions_) {
      def_offsets.insert(d.offset);
      def_values.insert(d.raw);
    }
    std::set<std::size_t> seen;
    std::vector<MarkdownLink> all;
    for (MarkdownLink& d : definitions_) all.push_back(std::move(d));
    for (MarkdownLink& l : links_) {
      if (l.located && def_offsets.count(l.offset)) continue;
      if (!l.located && def_values.count(l.raw)) continue;  // a reference to an escaped definition
      all.push_back(std::move(l));
    }
    for (MarkdownLink& h : html_links_) all.push_back(std::move(h));
    for (MarkdownLink& l : all) {
      if (l.located) {
        if (!seen.insert(l.offset).second) continue;
        bool angle = l.syntax != Syntax::html && l.offset > 0 && text_[l.offset - 1] == '<' &&
                     l.offset + l.length < text_.size() && text_[l.offset + l.length] == '>';
        if (angle) l.syntax = Syntax::markdown_angle;
        l.raw = std::string(text_.substr(l.offset, l.length));
        l.line = lines_.line(l.offset);
        l.column = lines_.column(l.offset);
      }
      out_.links.push_back(std::move(l));
    }
    std::stable_sort(out_.links.begin(), out_.links.end(), [](const MarkdownLink& a, const MarkdownLink& b) {
      if (a.located != b.located) return a.located;
      return a.located && a.offset < b.offset;
    });
  }

  // Raw bytes (and, for links md4c did not rebuild, destinations) from the original text.
  void restore_original_bytes() {
    for (MarkdownLink& l : out_.links) {
      if (!l.located) continue;
      l.raw = std::string(original_.substr(l.offset, l.length));
    }
  }

  std::string_view original_;
  std::string clean_;
  std::string_view text_;
  std::string_view doc_;
  std::string text_doc_;
  core::LineIndex lines_;
  bool collect_ = true;
  MarkdownScan out_;
  std::vector<OpenSpan> spans_;
  // Until finish(), each link's `raw` holds its resolved destination; finish() puts the raw bytes of
  // the located ones there.
  std::vector<MarkdownLink> links_, definitions_, html_links_;
  std::vector<Range> html_, code_;
  std::set<std::size_t> resolved_offsets_;
  std::set<std::string> resolved_values_;
  std::size_t cursor_ = 0;  // end of the last in-buffer text md4c reported
  bool in_heading_ = false, in_code_block_ = false, in_html_block_ = false;
  Heading heading_;
  MarkdownTable table_;
  bool in_table_ = false;
  int table_row_ = -1;  // the row of table_ md4c is in, 0 the header
};

}  // namespace

double inline_work(std::string_view text) {
  double total = 0, lines = 0, links = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, eol - pos);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      total += lines * links;
      lines = links = 0;
    } else {
      lines += 1;
      for (std::size_t k = line.find("]("); k != std::string_view::npos; k = line.find("](", k + 2)) links += 1;
    }
    pos = eol + 1;
  }
  return total + lines * links;
}

MarkdownScan scan_markdown(std::string_view text) {
  if (double work = inline_work(text); work > kMaxInlineWork) {
    MarkdownScan out;
    out.skipped = fmt::format("a paragraph with too many lines and links for the Markdown parser ({:.0f} > {:.0f} "
                              "lines x links); split it with blank lines",
                              work, kMaxInlineWork);
    return out;
  }
  return Scanner(text).run();
}

std::string resolved_destination(const MarkdownLink& link) {
  if (!link.located) return link.raw;
  return link.syntax == Syntax::html ? decode_entities(link.raw) : markdown_unescape(link.raw);
}

bool is_markdown_path(std::string_view path) {
  std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos) return false;
  std::string_view ext = path.substr(dot + 1);
  return core::iequals(ext, "md") || core::iequals(ext, "markdown") || core::iequals(ext, "mdx");
}

}  // namespace gitreorg::markdown
