//! Drawn SVGs kept on disk between builds, by a hash of everything a drawing depends on.
//!
//! One file per drawing, `<key>.svg`, whose first line holds the SHA-256 of the rest: an entry
//! that was cut short, changed or cannot be read is a miss (the chart is drawn again and the entry
//! rewritten), never an error and never a broken chart. Entries are written to a temporary file
//! in the same folder and renamed into place, so a reader sees a whole entry or none.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use sha2::{Digest, Sha256};

use super::engine;

/// Everything of this program that shapes a drawing besides the option and size: the engine
/// glue, the markup normalisation and QuickJS. Change it when any of them changes what is drawn.
const ENGINE_VERSION: &str = "qmsite-svg 3; rquickjs 0.11.0; stem zr0-";

/// The first bytes of every entry.
const MAGIC: &str = "qmsite-svg-cache 1 ";

/// A drawing's identity: SHA-256 of the engine version, the library, the option and the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key(pub [u8; 32]);

impl Key {
    /// The key of `option_json` drawn at `width` × `height`.
    pub fn of(option_json: &str, width: u32, height: u32) -> Key {
        let mut h = Sha256::new();
        h.update(ENGINE_VERSION.as_bytes());
        h.update([0]);
        h.update(*LIBRARY_HASH);
        h.update(width.to_le_bytes());
        h.update(height.to_le_bytes());
        h.update(option_json.as_bytes());
        Key(h.finalize().into())
    }

    /// Lower-case hexadecimal, the entry's file name.
    pub fn hex(&self) -> String {
        hex(&self.0)
    }
}

/// SHA-256 of the vendored ECharts, computed once.
static LIBRARY_HASH: LazyLock<[u8; 32]> = LazyLock::new(|| {
    let source = engine::library_source().unwrap_or("");
    Sha256::digest(source.as_bytes()).into()
});

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The folder of cached drawings.
#[derive(Debug, Clone)]
pub struct DiskCache {
    dir: PathBuf,
}

/// What reading an entry found.
#[derive(Debug)]
pub enum Lookup {
    /// A whole entry.
    Hit(String),
    /// No entry.
    Miss,
    /// An entry that is damaged or unreadable; it will be overwritten.
    Corrupt,
}

impl DiskCache {
    /// A cache in `dir`, created when first written to.
    pub fn new(dir: impl Into<PathBuf>) -> DiskCache {
        DiskCache { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.svg", key.hex()))
    }

    /// The entry for `key`, checked against its hash.
    pub fn get(&self, key: &Key) -> Lookup {
        let bytes = match std::fs::read(self.path(key)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Lookup::Miss,
            Err(_) => return Lookup::Corrupt,
        };
        let Ok(text) = String::from_utf8(bytes) else {
            return Lookup::Corrupt;
        };
        let Some((head, body)) = text.split_once('\n') else {
            return Lookup::Corrupt;
        };
        let expected = format!("{MAGIC}{}", hex(&Sha256::digest(body.as_bytes())));
        if head != expected {
            return Lookup::Corrupt;
        }
        Lookup::Hit(body.to_owned())
    }

    /// Stores `svg` under `key`, atomically.
    pub fn put(&self, key: &Key, svg: &str) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut file = tempfile::Builder::new()
            .prefix(".partial-")
            .suffix(".svg")
            .tempfile_in(&self.dir)?;
        let head = format!("{MAGIC}{}\n", hex(&Sha256::digest(svg.as_bytes())));
        file.write_all(head.as_bytes())?;
        file.write_all(svg.as_bytes())?;
        file.flush()?;
        file.persist(self.path(key)).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_change_with_option_width_and_height_only() {
        let k = Key::of("{}", 600, 400);
        assert_eq!(k, Key::of("{}", 600, 400));
        assert_ne!(k, Key::of("{ }", 600, 400));
        assert_ne!(k, Key::of("{}", 601, 400));
        assert_ne!(k, Key::of("{}", 600, 401));
        assert_ne!(Key::of("{}", 1, 23), Key::of("{}", 12, 3));
        assert_eq!(k.hex().len(), 64);
    }

    #[test]
    fn entries_round_trip_and_damaged_ones_are_misses() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = DiskCache::new(dir.path().join("nested/svg"));
        let key = Key::of("{}", 10, 10);
        assert!(matches!(cache.get(&key), Lookup::Miss));
        cache.put(&key, "<svg>é</svg>").expect("written");
        assert!(matches!(cache.get(&key), Lookup::Hit(s) if s == "<svg>é</svg>"));
        // Only the entry is left in the folder: no temporary file.
        let names: Vec<_> = std::fs::read_dir(cache.dir())
            .expect("listed")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            names,
            [std::ffi::OsString::from(format!("{}.svg", key.hex()))]
        );

        let path = cache.path(&key);
        let whole = std::fs::read(&path).expect("read");
        for damaged in [
            whole[..whole.len() - 3].to_vec(), // cut short
            whole
                .iter()
                .map(|b| if *b == b'<' { b'[' } else { *b })
                .collect(),
            vec![0xff, 0xfe, b'\n'], // not UTF-8
            b"no header at all".to_vec(),
            Vec::new(),
        ] {
            std::fs::write(&path, &damaged).expect("damaged");
            assert!(matches!(cache.get(&key), Lookup::Corrupt), "{damaged:?}");
        }
        // An entry that cannot be read as a file (here a folder) is a miss to redraw, too.
        std::fs::remove_file(&path).expect("removed");
        std::fs::create_dir(&path).expect("a folder in its place");
        assert!(matches!(cache.get(&key), Lookup::Corrupt));
    }
}
