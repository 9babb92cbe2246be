//! What the PDF says about itself: title, author, subject, language and the programs that made
//! it, written over what the browser set (the page's `<title>`, its own name, the clock).

use lopdf::{Dictionary, Document, Object, StringFormat};

/// The document information qmsite writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    /// The site's title.
    pub title: String,
    /// The organisation the report is about.
    pub author: String,
    /// The site's description, when it has one.
    pub subject: String,
    /// The language of the printed page (`en`, `cs`).
    pub language: String,
    /// The program that made the document: qmsite and its version.
    pub creator: String,
    /// The programs that wrote the PDF: qmsite and the browser that printed it.
    pub producer: String,
    /// When the document was made, as a PDF date (`D:20261124093000Z`); none keeps the file free
    /// of the clock, so the same site gives the same bytes.
    pub date: Option<String>,
}

/// A PDF text string: PDFDocEncoding where it is plain ASCII, UTF-16BE with its byte order
/// mark otherwise (Czech and German titles).
pub fn text_string(text: &str) -> Object {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(text.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// A PDF date of a moment, in UTC.
pub fn pdf_date(at: jiff::Timestamp) -> String {
    at.strftime("D:%Y%m%d%H%M%SZ").to_string()
}

/// Replaces the document information, sets the catalog's language and drops an XMP metadata
/// stream (it would repeat the browser's title and clock).
pub fn apply(doc: &mut Document, meta: &Metadata) -> Result<(), String> {
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    info.set("Author", text_string(&meta.author));
    if !meta.subject.trim().is_empty() {
        info.set("Subject", text_string(meta.subject.trim()));
    }
    info.set("Creator", text_string(&meta.creator));
    info.set("Producer", text_string(&meta.producer));
    if let Some(date) = &meta.date {
        info.set("CreationDate", text_string(date));
        info.set("ModDate", text_string(date));
    }
    match doc.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => {
            let id = *id;
            doc.objects.insert(id, Object::Dictionary(info));
        }
        _ => {
            let id = doc.add_object(info);
            doc.trailer.set("Info", id);
        }
    }
    let catalog = doc
        .catalog_mut()
        .map_err(|e| format!("the printed PDF has no catalog: {e}"))?;
    catalog.set("Lang", text_string(&meta.language));
    catalog.remove(b"Metadata");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn text_strings_are_ascii_or_utf16_with_a_byte_order_mark() {
        assert_eq!(
            text_string("IT Quality Report"),
            Object::String(b"IT Quality Report".to_vec(), StringFormat::Literal)
        );
        let Object::String(bytes, StringFormat::Hexadecimal) = text_string("Zpráva") else {
            panic!("not UTF-16");
        };
        assert_eq!(&bytes[..4], &[0xfe, 0xff, 0x00, b'Z']);
        assert_eq!(bytes.len(), 2 + 6 * 2);
    }

    #[test]
    fn the_information_is_replaced_and_the_clock_left_out_unless_asked() {
        let mut doc = Document::with_version("1.4");
        let info = doc.add_object(dictionary! {
            "Title" => Object::string_literal("Full report · site"),
            "CreationDate" => Object::string_literal("D:20261204010434+00'00'"),
        });
        let catalog = doc
            .add_object(dictionary! { "Type" => "Catalog", "Lang" => Object::string_literal("x") });
        doc.trailer.set("Info", info);
        doc.trailer.set("Root", catalog);
        let mut meta = Metadata {
            title: "IT Quality Report".into(),
            author: "Northmere".into(),
            subject: String::new(),
            language: "cs".into(),
            creator: "qmsite 1".into(),
            producer: "qmsite 1; Chromium".into(),
            date: None,
        };
        apply(&mut doc, &meta).expect("applied");
        let info = doc.get_dictionary(info).expect("info");
        assert!(info.get(b"CreationDate").is_err());
        assert!(info.get(b"ModDate").is_err());
        assert!(info.get(b"Subject").is_err());
        assert_eq!(
            info.get(b"Author").ok(),
            Some(&Object::string_literal("Northmere"))
        );
        assert_eq!(
            doc.catalog().expect("catalog").get(b"Lang").ok(),
            Some(&Object::string_literal("cs"))
        );
        meta.date = Some(pdf_date(jiff::Timestamp::UNIX_EPOCH));
        apply(&mut doc, &meta).expect("applied");
        let info = doc.get_dictionary(info_id(&doc)).expect("info");
        assert_eq!(
            info.get(b"ModDate").ok(),
            Some(&Object::string_literal("D:19700101000000Z"))
        );
    }

    fn info_id(doc: &Document) -> lopdf::ObjectId {
        doc.trailer
            .get(b"Info")
            .and_then(Object::as_reference)
            .expect("info")
    }
}
