// HTML to plain text for bodies that feeds deliver as HTML or XHTML.
//
// HtmlToText is a small, forgiving converter, not an HTML parser: it never
// builds a tree, never recurses, runs in time linear in the input and loads
// nothing from outside. What it does:
//   - block boundaries (<p>, <br>, <li>, <div>, <h1>..<h6>, <blockquote>,
//     <tr>, <section>, <article>, <pre>, <hr> and similar) become paragraph
//     breaks; paragraphs are separated by exactly "\n\n", empty ones vanish;
//   - every other tag is dropped, keeping its text ("<b>big</b>" -> "big");
//   - the content of <script>, <style>, <template>, <noscript>, <head> and
//     <title> is dropped with the tag;
//   - comments, <!DOCTYPE ...> and <?...?> are dropped; <![CDATA[...]]> keeps
//     its text as written;
//   - character references are decoded: the five predefined entities (&amp;
//     &lt; &gt; &quot; &apos;), decimal and hexadecimal numeric references
//     (&#233; &#xE9;; a reference to no valid character gives U+FFFD), and a
//     few named entities common in news copy (&nbsp; &mdash; &ndash; &lsquo;
//     &rsquo; &ldquo; &rdquo; &laquo; &raquo; &hellip; &copy;). Any other
//     "&name;" stays as written;
//   - runs of white space inside a paragraph become one space; paragraphs
//     are trimmed.
// A '<' that does not start a tag ("a < b") is kept as text. Input is UTF-8;
// bytes that are not markup pass through untouched.
#pragma once

#include <string>
#include <string_view>

namespace dateline {

// Returns the text of `html` as described above. Thread-safe; never throws
// (other than std::bad_alloc).
std::string HtmlToText(std::string_view html);

// Decodes the character references in `text` (no tags are interpreted), as
// HtmlToText does for text between tags; white space is kept as is.
std::string DecodeHtmlEntities(std::string_view text);

}  // namespace dateline
