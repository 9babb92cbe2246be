//! The example site's output, file by file, against a committed list of SHA-256 hashes.
//!
//! Any change to what a build writes shows here as the list of files that changed, so a
//! restructuring that should change nothing is held to that, and a change in look or content is
//! reviewed with its new hashes. After an intended change, write the list again with
//! `QMSITE_BLESS=1 cargo test --test output_snapshot` and commit it with the change.

mod common;

use sha2::{Digest, Sha256};

const SNAPSHOT: &str = "tests/snapshots/example-output.sha256";

#[test]
fn example_output_matches_the_committed_hashes() {
    let (_site, out) = common::build_example();
    let mut listing = String::new();
    for (path, bytes) in common::snapshot(&out) {
        let hash = Sha256::digest(&bytes);
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        listing.push_str(&format!("{hex}  {path}\n"));
    }
    let committed_path = common::repo().join(SNAPSHOT);
    if std::env::var_os("QMSITE_BLESS").is_some() {
        std::fs::write(&committed_path, &listing).expect("write the snapshot");
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    if committed == listing {
        return;
    }
    let entries = |text: &str| -> std::collections::BTreeMap<String, String> {
        text.lines()
            .filter_map(|l| l.split_once("  "))
            .map(|(h, p)| (p.to_owned(), h.to_owned()))
            .collect()
    };
    let (was, now) = (entries(&committed), entries(&listing));
    let mut changes = Vec::new();
    for (path, hash) in &now {
        match was.get(path) {
            None => changes.push(format!("new      {path}")),
            Some(h) if h != hash => changes.push(format!("changed  {path}")),
            Some(_) => {}
        }
    }
    for path in was.keys().filter(|p| !now.contains_key(*p)) {
        changes.push(format!("removed  {path}"));
    }
    panic!(
        "the example's output differs from {SNAPSHOT} in {} files:\n{}\n\
         If the change is intended, run QMSITE_BLESS=1 cargo test --test output_snapshot",
        changes.len(),
        changes.join("\n")
    );
}
