//! Front matter that expands past the YAML parser's budget (a "billion laughs" alias bomb, a
//! flood of nodes): refused, said in words with the place and a way out, never as the
//! parser's internal structure.

use crate::support::Repo;

/// Ten aliases of ten aliases of …: 10⁹ nodes from a few hundred bytes.
fn alias_bomb() -> String {
    let mut lines = vec![
        "---".to_string(),
        "title: Laughs".to_string(),
        "a0: &a0 [x, x, x, x, x, x, x, x, x, x]".to_string(),
    ];
    for i in 1..9 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        lines.push(format!("a{i}: &a{i} [{refs}]"));
    }
    lines.push("---\n\nText.\n".to_string());
    lines.join("\n")
}

#[test]
fn an_alias_bomb_is_refused_in_words() {
    let repo = Repo::new();
    repo.write("book.toml", "[book]\ntitle = \"T\"\n");
    repo.write("content/bomb.md", alias_bomb());
    repo.write("content/fine.md", "---\ntitle: Fine\n---\n\nText.\n");
    let run = repo.perfdoc(&["check", "--format", "json"]);
    run.code(1);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = v.as_array().unwrap();
    assert_eq!(findings.len(), 1, "only the bomb is a problem: {v:#}");
    let f = &findings[0];
    assert_eq!(f["path"], "content/bomb.md");
    assert_eq!(f["rule"], "front-matter");
    let message = f["message"].as_str().unwrap();
    assert!(
        !message.contains('{') && !message.contains("Nodes"),
        "{message}"
    );
    assert!(message.contains("expands to more than"), "{message}");
    assert!(f["location"]["line"].as_u64().unwrap() > 1, "{f}");
    let hint = f["hint"].as_str().unwrap();
    assert!(hint.contains("alias"), "{hint}");

    let human = repo.perfdoc(&["check"]);
    human.code(1);
    assert!(
        human.stdout.contains("--> content/bomb.md:"),
        "{}",
        human.stdout
    );
}
