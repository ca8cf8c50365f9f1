//! The structure of a document's Markdown body that rules and the site need: its headings and
//! `##` sections, its links, and where code is (so prose rules can skip it). One pulldown-cmark
//! pass, offsets kept against the whole file.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown extensions perfdoc reads and renders everywhere.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub span: Range<usize>,
}

/// A `##` section: its heading and the body up to the next heading of level 1 or 2.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub heading: Range<usize>,
    pub body: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub dest: String,
    pub span: Range<usize>,
    pub image: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub links: Vec<Link>,
    /// Code blocks, inline code and raw HTML: prose rules do not look inside.
    pub code: Vec<Range<usize>>,
}

impl Outline {
    pub fn parse(text: &str, body_start: usize) -> Outline {
        let body = &text[body_start..];
        let mut out = Outline::default();
        let mut current: Option<(u8, usize, String)> = None;
        for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
            let range = range.start + body_start..range.end + body_start;
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    current = Some((heading_level(level), range.start, String::new()));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, start, text)) = current.take() {
                        out.headings.push(Heading {
                            level,
                            text: text.trim().to_string(),
                            span: start..range.end,
                        });
                    }
                }
                Event::Text(t) if current.is_some() => {
                    if let Some((_, _, text)) = current.as_mut() {
                        text.push_str(&t);
                    }
                }
                Event::Code(t) if current.is_some() => {
                    if let Some((_, _, text)) = current.as_mut() {
                        text.push_str(&t);
                    }
                    out.code.push(range);
                }
                Event::Start(Tag::Link { dest_url, .. }) => out.links.push(Link {
                    dest: dest_url.to_string(),
                    span: range,
                    image: false,
                }),
                Event::Start(Tag::Image { dest_url, .. }) => out.links.push(Link {
                    dest: dest_url.to_string(),
                    span: range,
                    image: true,
                }),
                Event::Start(Tag::CodeBlock(_)) | Event::Code(_) | Event::Html(_) => {
                    out.code.push(range)
                }
                Event::InlineHtml(_) => out.code.push(range),
                _ => {}
            }
        }
        out.sections = sections(&out.headings, text.len());
        out
    }

    pub fn section(&self, title: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| section_matches(&s.title, title))
    }

    /// Whether `offset` lies in code or raw HTML.
    pub fn in_code(&self, offset: usize) -> bool {
        self.code.iter().any(|r| r.contains(&offset))
    }
}

/// A heading satisfies a required section when it is that name, or that name followed by more
/// words ("Optimizations Planned for January" is the "Optimizations Planned" section).
pub fn section_matches(heading: &str, required: &str) -> bool {
    let h = heading.trim();
    if h.eq_ignore_ascii_case(required) {
        return true;
    }
    h.len() > required.len()
        && h.is_char_boundary(required.len())
        && h[..required.len()].eq_ignore_ascii_case(required)
        && h[required.len()..].starts_with([' ', ':'])
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn sections(headings: &[Heading], end: usize) -> Vec<Section> {
    let mut out = Vec::new();
    for (i, h) in headings.iter().enumerate() {
        if h.level != 2 {
            continue;
        }
        let body_end = headings[i + 1..]
            .iter()
            .find(|n| n.level <= 2)
            .map_or(end, |n| n.span.start);
        out.push(Section {
            title: h.text.clone(),
            heading: h.span.clone(),
            body: h.span.end..body_end.max(h.span.end),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_links_and_code() {
        let text =
            "---\n---\n## Problem\n\nSlow `x`.\n\n### Detail\n\nmore\n\n## Results\n\n[a](b.md)\n";
        let o = Outline::parse(text, 8);
        let titles: Vec<_> = o.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Problem", "Results"]);
        assert!(text[o.sections[0].body.clone()].contains("more"));
        assert_eq!(o.links[0].dest, "b.md");
        let code = text.find('`').unwrap();
        assert!(o.in_code(code));
    }

    #[test]
    fn section_names_allow_a_suffix() {
        assert!(section_matches(
            "Optimizations Planned for January",
            "Optimizations Planned"
        ));
        assert!(section_matches("lessons learned", "Lessons Learned"));
        assert!(!section_matches("Problems", "Problem"));
    }
}
