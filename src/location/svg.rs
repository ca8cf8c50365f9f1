//! SVG made passive. An SVG opened on its own is a document of the site's origin that runs its
//! `<script>`, its `on*` handlers and its `javascript:` links, and flamegraphs (the SVGs perf
//! work produces) carry script for their zoom and search. The file is parsed as XML (roxmltree:
//! no external entities are fetched, internal ones are bounded against billion-laughs) and
//! written anew from an allow-list of drawing elements and attributes; everything else, with
//! its children, is left out. Nothing of the input is copied as bytes: every name comes from
//! the lists below, every value is escaped. A DTD is accepted because flamegraph.pl and
//! inferno both write one.

use std::fmt::Write as _;

use crate::markup::escape_html;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// Larger SVGs are refused rather than parsed (a flamegraph of a huge profile is a few MiB).
pub const MAX_SVG_BYTES: usize = 32 * 1024 * 1024;

/// Bounds the parsed tree (a large flamegraph has some 100,000 nodes).
const MAX_NODES: u32 = 4_000_000;

/// Elements that only draw. No `script`, `foreignObject`, `a`, `image`, `iframe`, `animate`,
/// `set` (which can write an `href`), no filters (`feImage` loads URLs).
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "symbol",
    "use",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "path",
    "text",
    "tspan",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "style",
];

/// Presentation and geometry attributes. No `on*`, no `style` (CSS may load URLs), and `href`
/// only to a place in the same file.
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "dx",
    "dy",
    "width",
    "height",
    "d",
    "points",
    "viewBox",
    "preserveAspectRatio",
    "transform",
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-miterlimit",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "alignment-baseline",
    "letter-spacing",
    "rotate",
    "textLength",
    "lengthAdjust",
    "offset",
    "stop-color",
    "stop-opacity",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "clip-path",
    "clip-rule",
    "clipPathUnits",
    "mask",
    "maskUnits",
    "maskContentUnits",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "marker-start",
    "marker-mid",
    "marker-end",
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "refX",
    "refY",
    "orient",
    "visibility",
    "display",
    "version",
    "href",
];

/// The SVG rewritten from its allow-listed parts, and how many parts were left out; an error
/// when it is not well-formed XML, declares a DTD, or its root is not an SVG `<svg>`.
pub fn clean(bytes: &[u8]) -> Result<(String, usize), String> {
    if bytes.len() > MAX_SVG_BYTES {
        return Err(format!(
            "it is larger than {} MiB",
            MAX_SVG_BYTES / 1024 / 1024
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8".to_string())?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return Err("its root element is not `<svg>` in the SVG namespace".into());
    }
    let mut out = String::with_capacity(text.len());
    let mut dropped = 0;
    write_element(root, &mut out, &mut dropped);
    Ok((out, dropped))
}

fn write_element(node: roxmltree::Node, out: &mut String, dropped: &mut usize) {
    let name = node.tag_name().name();
    out.push('<');
    out.push_str(name);
    if name == "svg" && node.parent_element().is_none() {
        let _ = write!(out, " xmlns=\"{SVG_NS}\"");
    }
    for attr in node.attributes() {
        let local = attr.name();
        let known = ATTRIBUTES.contains(&local);
        // `xlink:href` is the old spelling of `href`; other namespaced attributes go.
        let namespace_ok = match attr.namespace() {
            None => true,
            Some(ns) => local == "href" && ns == "http://www.w3.org/1999/xlink",
        };
        if known && namespace_ok && value_is_passive(local, attr.value()) {
            let _ = write!(out, " {local}=\"{}\"", escape_html(attr.value()));
        } else {
            *dropped += 1;
        }
    }
    out.push('>');
    for child in node.children() {
        if child.is_element() {
            let allowed = child.tag_name().namespace() == Some(SVG_NS)
                && ELEMENTS.contains(&child.tag_name().name());
            if !allowed {
                *dropped += 1;
            } else if child.tag_name().name() == "style" {
                write_style(child, out, dropped);
            } else {
                write_element(child, out, dropped);
            }
        } else if child.is_text() {
            out.push_str(&escape_html(child.text().unwrap_or("")));
        }
    }
    let _ = write!(out, "</{name}>");
}

/// A `<style>` sheet is kept only when it cannot load anything or escape its own syntax.
fn write_style(node: roxmltree::Node, out: &mut String, dropped: &mut usize) {
    let css: String = node
        .children()
        .filter_map(|c| c.text())
        .collect::<Vec<_>>()
        .concat();
    let lower = css.to_ascii_lowercase();
    let risky = [
        "@import",
        "url(",
        "image-set",
        "@font-face",
        "expression",
        "\\",
        "<",
        "javascript",
        "behavior",
    ];
    if node.children().any(|c| c.is_element()) || risky.iter().any(|r| lower.contains(r)) {
        *dropped += 1;
        return;
    }
    let _ = write!(out, "<style>{}</style>", escape_html(&css));
}

/// `href` only to a place in this file; no value that names a script or a resource
/// elsewhere (`url(…)` only as `url(#id)`).
fn value_is_passive(name: &str, value: &str) -> bool {
    let squashed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if name == "href" {
        return squashed.starts_with('#');
    }
    if squashed.contains("javascript:") || squashed.contains("data:") {
        return false;
    }
    squashed.match_indices("url(").all(|(i, m)| {
        squashed[i + m.len()..]
            .trim_start_matches(['"', '\''])
            .starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(svg: &str) -> String {
        clean(svg.as_bytes()).expect("cleans").0
    }

    #[test]
    fn drawing_stays_and_script_goes() {
        let svg = r##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" onload="alert(1)" viewBox="0 0 10 10">
  <style>text { font-size: 12px }</style>
  <script>alert(2)</script>
  <script xlink:href="https://evil.example/x.js"/>
  <g class="func" onmouseover="alert(3)"><title>main &lt;x&gt;</title><rect x="1" fill="url(#grad)" width="2"/></g>
  <a href="javascript:alert(4)"><text>link</text></a>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><script>alert(5)</script></div></foreignObject>
  <use href="#g1"/><use xlink:href="https://evil.example/sprite.svg#x"/><use href=" JaVaScRiPt:alert(6)"/>
  <animate attributeName="href" to="javascript:alert(7)"/>
  <set attributeName="onclick" to="alert(8)"/>
  <rect fill="url(https://evil.example/track)" style="background:url(https://evil.example)"/>
  <text>a &amp; b</text>
</svg>"##;
        let (out, dropped) = clean(svg.as_bytes()).unwrap();
        for bad in [
            "alert",
            "evil",
            "javascript",
            "<script",
            "foreignObject",
            "onload",
            "<a",
        ] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\""));
        assert!(
            out.contains("<rect x=\"1\" fill=\"url(#grad)\" width=\"2\"></rect>"),
            "{out}"
        );
        assert!(out.contains("<title>main &lt;x&gt;</title>"), "{out}");
        assert!(out.contains("<use href=\"#g1\"></use>"), "{out}");
        assert!(
            out.contains("<style>text { font-size: 12px }</style>"),
            "{out}"
        );
        assert!(out.contains("<text>a &amp; b</text>"), "{out}");
        assert!(dropped >= 12, "{dropped}");
        // What comes out is well-formed and cleans to itself.
        assert_eq!(cleaned(&out), out);
    }

    #[test]
    fn style_that_loads_or_escapes_goes() {
        for css in [
            "@import 'https://evil.example/x.css';",
            "rect { fill: url(https://evil.example) }",
            "rect { fill: u\\72l(x) }",
            "rect { background: image-set(\"https://evil.example/x.png\" 1x) }",
        ] {
            let svg =
                format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>{css}</style></svg>");
            assert!(!cleaned(&svg).contains("style"), "{css}");
        }
    }

    #[test]
    fn entities_become_text_and_what_cannot_be_parsed_is_refused() {
        let flamegraph = r#"<?xml version="1.0" standalone="no"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg version="1.1" xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#;
        assert!(cleaned(flamegraph).contains("<rect></rect>"));
        let entity = r#"<!DOCTYPE svg [<!ENTITY a "<script>alert(1)</script>">]><svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>"#;
        let out = cleaned(entity);
        assert!(!out.contains("<script"), "{out}");
        // a1 is ten a0s, a2 ten a1s, … : 10^12 characters if expanded.
        let mut dtd = String::from("<!ENTITY a0 \"aaaaaaaaaa\">");
        for i in 1..=12 {
            let refs = format!("&a{};", i - 1).repeat(10);
            dtd.push_str(&format!("<!ENTITY a{i} \"{refs}\">"));
        }
        let laughs =
            format!("<!DOCTYPE svg [{dtd}]><svg xmlns=\"http://www.w3.org/2000/svg\">&a12;</svg>");
        assert!(clean(laughs.as_bytes()).is_err(), "billion laughs");
        assert!(clean(b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>").is_err());
        assert!(clean(b"<html><script>alert(1)</script></html>").is_err());
        assert!(clean(b"<svg><rect/></svg>").is_err(), "no SVG namespace");
        assert!(clean(b"\xff\xfe").is_err());
    }
}
