//! History through copies, the way `git log --follow` follows them: a handbook whose
//! chapters are copied from edition folder to edition folder (some revised in the copying
//! commit, so only similarity finds their source), renamed, backported to and brought back
//! from older editions. Every file at HEAD must have exactly git's commits, and `perfdoc log`
//! must say the same.

use crate::history::{assert_matches_git, index_all};
use crate::support::{ALICE, BOB, By, ISHA, Repo};

/// A small deterministic generator (xorshift), so the history is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A chapter: distinct paragraphs, one line each.
#[derive(Clone)]
struct Chapter(Vec<String>);

impl Chapter {
    fn new(rng: &mut Rng, tag: &str) -> Chapter {
        Chapter((0..24).map(|i| paragraph(rng, tag, i)).collect())
    }
    fn revise(&mut self, rng: &mut Rng, tag: &str) {
        let i = rng.below(self.0.len());
        if rng.below(3) == 0 {
            self.0.insert(i, paragraph(rng, tag, 100 + i));
        } else {
            self.0[i] = paragraph(rng, tag, 200 + i);
        }
    }
    fn text(&self) -> String {
        self.0.join("\n\n") + "\n"
    }
}

fn paragraph(rng: &mut Rng, tag: &str, i: usize) -> String {
    format!(
        "{tag} paragraph {i} {:x}: the p95 of the checkout path under load, measured again.",
        rng.next()
    )
}

fn path(edition: usize, name: &str) -> String {
    format!("optimizations/edition-{edition}/{name}")
}

/// Builds the handbook: edition 1 written, then each later edition copied from the one
/// before in one commit (every third chapter revised on the way), edited, a chapter renamed,
/// a fix backported to the previous edition and a chapter brought back from edition 1.
fn handbook() -> Repo {
    let repo = Repo::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let authors = [ALICE, BOB, ISHA];
    let mut day = 0;
    let mut commit = |repo: &Repo, message: &str| {
        day += 1;
        let date: &'static str = Box::leak(
            format!(
                "2025-{:02}-{:02}T10:00:00+00:00",
                1 + day / 28,
                1 + day % 28
            )
            .into_boxed_str(),
        );
        repo.commit_by(
            message,
            By {
                name: authors[day % 3],
                date,
            },
        );
    };
    // Enough files that the first search for a similar file signs the tree on every core.
    for n in 0..300 {
        repo.write(
            &format!("optimizations/notes/note-{n}.md"),
            format!("note {n}\n{}", paragraph(&mut rng, "note", n)),
        );
    }
    commit(&repo, "notes");
    let mut editions: Vec<Vec<(String, Chapter)>> = vec![Vec::new()];
    for n in 0..6 {
        let name = format!("chapter-{n}.md");
        let chapter = Chapter::new(&mut rng, &format!("c{n}"));
        repo.write(&path(1, &name), chapter.text());
        editions[0].push((name, chapter));
        commit(&repo, &format!("edition 1: chapter {n}"));
    }
    for e in 2..=4 {
        let mut next = editions[e - 2].clone();
        for (i, (name, chapter)) in next.iter_mut().enumerate() {
            if i % 3 == 0 {
                chapter.revise(&mut rng, &format!("e{e}"));
            }
            repo.write(&path(e, name), chapter.text());
        }
        commit(&repo, &format!("start edition {e}"));
        for round in 0..3 {
            let i = rng.below(next.len());
            next[i].1.revise(&mut rng, &format!("e{e}r{round}"));
            repo.write(&path(e, &next[i].0), next[i].1.text());
            commit(&repo, &format!("edition {e}: revise {}", next[i].0));
        }
        // A rename with an edit in the same commit.
        let i = rng.below(next.len());
        let old = next[i].0.clone();
        next[i].0 = format!("renamed-{e}.md");
        next[i].1.revise(&mut rng, &format!("e{e}mv"));
        repo.remove(&path(e, &old));
        repo.write(&path(e, &next[i].0), next[i].1.text());
        commit(&repo, &format!("edition {e}: rename {old}"));
        // A fix backported to the edition before.
        let prev = &mut editions[e - 2];
        let j = rng.below(prev.len());
        prev[j].1.revise(&mut rng, &format!("e{e}fix"));
        repo.write(&path(e - 1, &prev[j].0), prev[j].1.text());
        commit(&repo, &format!("edition {}: backport", e - 1));
        // A chapter of edition 1 brought back, revised, under a new name.
        let k = rng.below(editions[0].len());
        let mut back = editions[0][k].1.clone();
        back.revise(&mut rng, &format!("e{e}back"));
        let name = format!("appendix-{e}.md");
        repo.write(&path(e, &name), back.text());
        next.push((name, back));
        commit(&repo, &format!("edition {e}: bring back a chapter"));
        editions.push(next);
    }
    repo
}

#[test]
fn chapters_copied_across_editions_have_git_log_follow_s_history() {
    let repo = handbook();
    let status = repo.git(&[
        "log",
        "--follow",
        "--name-status",
        "--format=",
        "--",
        &path(4, "appendix-4.md"),
    ]);
    assert!(
        status.lines().any(|l| l.starts_with('C')),
        "git follows a copy here: {status}"
    );
    let index = index_all(repo.path());
    let files = repo.git(&["ls-files", "optimizations"]);
    // Every chapter, and a few of the notes (each is one commit).
    let compared = files
        .lines()
        .filter(|f| !f.contains("/notes/") || f.ends_with("/note-7.md"));
    let mut copied = 0;
    for file in compared {
        assert_matches_git(&repo, &index, file);
        if !index.docs[file].previous_paths.is_empty() {
            copied += 1;
        }
    }
    assert!(copied >= 10, "only {copied} files came from elsewhere");
    // The command says the same: revision counts as git counts them.
    let run = repo.perfdoc(&["log", "--format", "json"]);
    run.code(0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(rows.len(), files.lines().count(), "{}", run.stdout);
    for row in rows {
        let file = row["path"].as_str().expect("path");
        if file.contains("/notes/") {
            assert_eq!(row["revisions"].as_u64(), Some(1), "{row}");
            continue;
        }
        assert_eq!(
            row["revisions"].as_u64(),
            Some(repo.follow(file).len() as u64),
            "revisions of {file}"
        );
    }
}
