//! Ids: usable as file names and addresses, and unique.

use super::*;

/// True when an id is usable as a file name and a URL part. Ids that are not were reported
/// when their file was read (the id rule is part of every file kind's shape); they are left out.
pub(super) fn check_id(id: &Spanned<String>) -> bool {
    crate::content::shape::is_id(id.get_ref())
}

/// Records ids seen so far and reports duplicates (ignoring case, since ids become file names).
pub(super) struct IdSet<'a> {
    what: &'a str,
    seen: HashMap<String, (Arc<SourceFile>, Range<usize>)>,
}

impl<'a> IdSet<'a> {
    pub(super) fn new(what: &'a str) -> Self {
        IdSet {
            what,
            seen: HashMap::new(),
        }
    }

    /// Returns true when the id is valid and new.
    pub(super) fn insert(
        &mut self,
        source: &Arc<SourceFile>,
        id: &Spanned<String>,
        diags: &mut Diagnostics,
    ) -> bool {
        if !check_id(id) {
            return false;
        }
        let key = id.get_ref().to_ascii_lowercase();
        if let Some((first, span)) = self.seen.get(&key) {
            let p = first.position(span.start);
            diags.error_at(
                &codes::DUPLICATE_ID,
                source,
                id.span(),
                format!(
                    "duplicate {} id \"{}\" (first defined at {}:{}:{})",
                    self.what,
                    id.get_ref(),
                    first.path.display(),
                    p.line,
                    p.col
                ),
                Some(format!(
                    "a {} id used only once (ids are compared ignoring case)",
                    self.what
                )),
            );
            return false;
        }
        self.seen.insert(key, (source.clone(), id.span()));
        true
    }
}
