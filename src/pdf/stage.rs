//! The files the browser opens: the report page and what it loads, written from the site
//! rendered in memory into a folder of its own in the build cache.

use std::path::{Path, PathBuf};

use crate::build::{CACHE_DIR, Rendered};

/// The folder inside the site's cache that printing works in.
pub fn scratch_dir(root: &Path) -> PathBuf {
    root.join(CACHE_DIR).join("pdf")
}

/// A copy of the report page and the files it may load, removed when dropped.
pub struct Staged {
    dir: tempfile::TempDir,
    /// The report page's path below the staged site root.
    page: String,
}

impl Staged {
    /// The staged site root as a `file://` address ending in `/`, as the browser writes links.
    pub fn root_url(&self) -> String {
        let mut url = file_url(self.dir.path());
        if !url.ends_with('/') {
            url.push('/');
        }
        url
    }

    /// The report page's `file://` address.
    pub fn page_url(&self) -> String {
        format!("{}{}", self.root_url(), self.page)
    }
}

/// Writes the page at `page` and every file that is not a page (stylesheets, scripts, images,
/// attachments) into a new folder inside `scratch`.
pub fn stage(rendered: &Rendered, page: &str, scratch: &Path) -> Result<Staged, String> {
    std::fs::create_dir_all(scratch)
        .map_err(|e| format!("cannot create {}: {e}", scratch.display()))?;
    let dir = tempfile::Builder::new()
        .prefix("site-")
        .tempdir_in(scratch)
        .map_err(|e| format!("cannot create a folder in {}: {e}", scratch.display()))?;
    if !rendered.files.contains_key(page) {
        return Err(format!("the site has no page {page} to print"));
    }
    let wanted = rendered
        .files
        .iter()
        .filter(|(path, _)| path.as_str() == page || !path.ends_with(".html"));
    for (path, content) in wanted {
        let target = dir.path().join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let bytes = content.bytes()?;
        std::fs::write(&target, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(Staged {
        dir,
        page: page.to_owned(),
    })
}

/// A folder's `file://` address, each path segment percent-encoded where it must be.
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' | b':' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::Content;

    #[test]
    fn only_the_report_page_and_files_that_are_not_pages_are_written() {
        let mut rendered = Rendered::default();
        for (path, text) in [
            ("report.html", "report"),
            ("index.html", "home"),
            ("cs/report.html", "zpráva"),
            ("static/qmsite.css", "css"),
            ("pages/diagram.png", "png"),
        ] {
            rendered
                .files
                .insert(path.to_owned(), Content::Text(text.to_owned()));
        }
        let scratch = tempfile::tempdir().expect("temp dir");
        let staged = stage(&rendered, "cs/report.html", scratch.path()).expect("staged");
        let root = staged.dir.path();
        assert!(root.starts_with(scratch.path()));
        assert_eq!(
            std::fs::read_to_string(root.join("cs/report.html")).ok(),
            Some("zpráva".to_owned())
        );
        assert!(root.join("static/qmsite.css").is_file());
        assert!(root.join("pages/diagram.png").is_file());
        assert!(!root.join("index.html").exists());
        assert!(!root.join("report.html").exists());
        assert!(staged.page_url().starts_with("file:///"));
        assert!(staged.page_url().ends_with("/cs/report.html"));
        let path = root.to_path_buf();
        drop(staged);
        assert!(!path.exists(), "the staged copy is removed after printing");
        assert!(stage(&rendered, "nope.html", scratch.path()).is_err());
    }

    #[test]
    fn file_addresses_encode_spaces_and_other_bytes() {
        assert_eq!(
            file_url(Path::new("/home/a b/ř")),
            "file:///home/a%20b/%C5%99"
        );
    }
}
