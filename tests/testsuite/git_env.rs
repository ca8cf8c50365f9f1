//! The repository perfdoc opens is the one git would: `GIT_DIR` / `GIT_WORK_TREE` point it
//! elsewhere, and replace refs (`git replace`) change history for perfdoc as for `git log`,
//! unless `GIT_NO_REPLACE_OBJECTS` or `core.useReplaceRefs=false` turn them off.

use std::path::Path;

use crate::support::{ALICE, BOB, By, Repo, git_in, perfdoc};

fn log_json(dir: &Path, env: &[(&str, &str)]) -> serde_json::Value {
    let mut cmd = perfdoc();
    cmd.args(["-C", dir.to_str().unwrap(), "log", "--format", "json"]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.assert().success();
    serde_json::from_slice(&out.get_output().stdout).expect("log prints JSON")
}

const DOC: &str = "reports/daily-2025-11-01.md";

#[test]
fn git_dir_and_work_tree_from_the_environment_are_used() {
    let repo = Repo::new();
    // A git dir away from its working tree, as `git --git-dir=… --work-tree=…` users have.
    let meta = repo.sibling("meta.git");
    let work = repo.sibling("work");
    std::fs::create_dir_all(work.join("reports")).unwrap();
    std::fs::write(work.join(DOC), "---\ntitle: Daily\n---\n\nNotes.\n").unwrap();
    let (gd, wt) = (meta.to_str().unwrap(), work.to_str().unwrap());
    git_in(
        &work,
        &["--git-dir", gd, "--work-tree", wt, "init", "-q"],
        None,
    );
    git_in(
        &work,
        &["--git-dir", gd, "--work-tree", wt, "add", "-A"],
        None,
    );
    let by = By {
        name: ALICE,
        date: "2025-11-01T10:00:00+00:00",
    };
    git_in(
        &work,
        &[
            "--git-dir",
            gd,
            "--work-tree",
            wt,
            "commit",
            "-q",
            "-m",
            "a",
        ],
        Some(by),
    );
    let env = [("GIT_DIR", gd), ("GIT_WORK_TREE", wt)];
    let json = log_json(&work, &env);
    assert_eq!(json[0]["path"], DOC, "{json}");
    assert_eq!(json[0]["created"]["author"], ALICE, "{json}");

    // `check --staged` reads that repository's index too.
    std::fs::write(
        work.join(DOC),
        "---\ntitle: Daily\n---\n\n[x](nowhere.md)\n",
    )
    .unwrap();
    git_in(
        &work,
        &["--git-dir", gd, "--work-tree", wt, "add", "-A"],
        None,
    );
    let out = perfdoc()
        .args(["-C", wt, "check", "--staged"])
        .envs(env)
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("broken-link"), "{stdout}");
}

/// A document created by Alice and edited by Bob, and a replacement of Bob's commit that
/// cuts it from its parent (`git replace --graft`): for git, Bob created the document.
fn grafted() -> (Repo, String, String) {
    let repo = Repo::new();
    repo.write(DOC, "one\n");
    let first = repo.commit_by(
        "create",
        By {
            name: ALICE,
            date: "2025-11-01T10:00:00+00:00",
        },
    );
    repo.write(DOC, "one\ntwo\n");
    let second = repo.commit_by(
        "edit",
        By {
            name: BOB,
            date: "2025-11-02T10:00:00+00:00",
        },
    );
    (repo, first, second)
}

#[test]
fn replace_refs_change_history_as_they_do_for_git_log() {
    let (repo, first, second) = grafted();
    // Walked (and cached) before the replacement exists.
    let before = log_json(repo.path(), &[]);
    assert_eq!(before[0]["created"]["commit"], first.as_str());
    assert_eq!(before[0]["revisions"], 2);

    repo.git(&["replace", "--graft", &second]);
    assert_eq!(
        repo.follow(DOC),
        [second.as_str()],
        "git log sees the graft"
    );
    let after = log_json(repo.path(), &[]);
    assert_eq!(after[0]["created"]["commit"], second.as_str(), "{after}");
    assert_eq!(after[0]["created"]["author"], BOB, "{after}");
    assert_eq!(after[0]["revisions"], 1, "{after}");
}

#[test]
fn replace_refs_can_be_turned_off_as_in_git() {
    let (repo, first, second) = grafted();
    repo.git(&["replace", "--graft", &second]);
    let off = log_json(repo.path(), &[("GIT_NO_REPLACE_OBJECTS", "1")]);
    assert_eq!(off[0]["created"]["commit"], first.as_str(), "{off}");
    assert_eq!(off[0]["revisions"], 2, "{off}");

    repo.git(&["config", "core.useReplaceRefs", "false"]);
    let off = log_json(repo.path(), &[]);
    assert_eq!(off[0]["created"]["commit"], first.as_str(), "{off}");
    assert_eq!(
        repo.follow(DOC),
        [second.clone(), first.clone()],
        "git agrees"
    );
}
