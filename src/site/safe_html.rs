//! What "no script can run from this HTML" means, checked on the HTML itself: the fuzz target,
//! the replayed fuzz inputs and the renderer's tests all ask this one question of what
//! sanitizing produced.
//!
//! html5ever's tokenizer reads the text as a browser would, entities decoded and tags split
//! the HTML way. It stays in its data state throughout (no tree builder switches it to raw
//! text inside `<style>` or `<textarea>`), so it sees every tag a browser could see and more.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Elements that run, embed or restyle something, or change where links go.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link",
    "style", "form", "svg", "math", "template",
];

/// Attributes a browser follows as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "background",
    "cite",
    "data",
    "srcset",
    "ping",
    "xlink:href",
    "lowsrc",
    "dynsrc",
];

/// Schemes that run code or carry a whole document in the URL.
const SCRIPT_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];

/// Everything in `html` that could run script: each finding says which tag and what.
/// Empty means safe.
pub fn unsafe_parts(html: &str) -> Vec<String> {
    let sink = Sink(RefCell::new(Vec::new()));
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.into_inner()
}

struct Sink(RefCell<Vec<String>>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name = (*tag.name).to_ascii_lowercase();
        let mut found = self.0.borrow_mut();
        if ACTIVE_ELEMENTS.contains(&name.as_str()) {
            found.push(format!("<{name}> element"));
        }
        for attr in &tag.attrs {
            let key = (*attr.name.local).to_ascii_lowercase();
            let value: &str = &attr.value;
            if key.starts_with("on") {
                found.push(format!("<{name}> has event handler {key}"));
            } else if URL_ATTRIBUTES.contains(&key.as_str()) && runs_script(value) {
                found.push(format!("<{name} {key}=\"{value}\"> is a script URL"));
            } else if key == "style" && !only_text_align(value) {
                found.push(format!("<{name} style=\"{value}\"> is more than alignment"));
            }
        }
        TokenSinkResult::Continue
    }
}

/// The URL parser's view: leading C0 controls and spaces dropped, tabs and newlines removed
/// anywhere, scheme case ignored.
fn runs_script(url: &str) -> bool {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    SCRIPT_SCHEMES.iter().any(|s| url.starts_with(s))
}

fn only_text_align(style: &str) -> bool {
    style.split(';').map(str::trim).all(|decl| {
        decl.is_empty()
            || decl.split_once(':').is_some_and(|(k, v)| {
                k.trim() == "text-align" && matches!(v.trim(), "left" | "right" | "center")
            })
    })
}

#[cfg(test)]
mod tests {
    use super::unsafe_parts;

    #[test]
    fn finds_what_runs_script() {
        for bad in [
            "<p><img src=x onerror=alert(1)></p>",
            "<h2 OnFocus=\"x\">t</h2>",
            "<a href=\" &#x6A;ava&#9;script:alert(1)\">x</a>",
            "<a href=\"VBScript:x\">x</a>",
            "<img src=\"data:text/html,x\">",
            "<svg><a xlink:href=javascript:x>",
            "<script>x</script>",
            "<iframe src=/>",
            "<td style=\"text-align:left;background:url(javascript:x)\">",
        ] {
            assert!(!unsafe_parts(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn leaves_the_site_markup_alone() {
        let ok = "<h2 id=\"why\" class=\"wide\">Why</h2><th style=\"text-align:left\">a</th>\
                  <a href=\"/repo/x/#y\">on</a><p>onclick=alert(1) javascript:x &lt;script&gt;</p>\
                  <code class=\"language-js\"><span class=\"hl-k\">let</span></code>";
        assert_eq!(unsafe_parts(ok), Vec::<String>::new());
    }
}
