//! Ids: usable as file names and addresses, and unique.

use super::*;

/// Longest id accepted (ids become file names).
const MAX_ID_LEN: usize = 64;

/// Checks that an id is usable as a file name and a URL part.
pub(super) fn check_id(
    source: &SourceFile,
    id: &Spanned<String>,
    what: &str,
    diags: &mut Diagnostics,
) -> bool {
    let s = id.get_ref();
    let ok = !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if !ok {
        diags.error_at(
            source,
            id.span(),
            format!("{what} id \"{s}\" is not a valid id"),
            Some(format!(
                "1 to {MAX_ID_LEN} characters: letters, digits, '.', '-' or '_', starting with a letter or digit"
            )),
        );
    }
    ok
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
        if !check_id(source, id, self.what, diags) {
            return false;
        }
        let key = id.get_ref().to_ascii_lowercase();
        if let Some((first, span)) = self.seen.get(&key) {
            let p = first.position(span.start);
            diags.error_at(
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
