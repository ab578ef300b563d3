//! Reading a text file the way a county office saves it: UTF-8 with or
//! without a byte-order mark, or GBK, which is what Excel writes for "CSV" on
//! a Chinese Windows (SPEC §3). Nothing is configured: a file that is valid
//! UTF-8 is UTF-8 (GBK text of any length is almost never valid UTF-8), and
//! anything else must decode cleanly as GBK.

use std::path::Path;

use super::Diagnostic;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The file's text, or a diagnostic saying why it cannot be read.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|err| Diagnostic::file(path, format!("cannot read the file: {err}")))?;
    decode(&bytes).map_err(|message| Diagnostic::file(path, message))
}

/// Decodes file contents: BOM-stripped UTF-8 first, then GBK.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err("the file is saved as UTF-16 (Excel's \"Unicode text\"); \
                    save it as \"CSV UTF-8\" or plain CSV instead"
            .into());
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    encoding_rs::GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| {
            "the file is neither UTF-8 nor GBK text; save it as \"CSV UTF-8\"".to_string()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFid,name").unwrap(), "id,name");
    }

    #[test]
    fn gbk_bytes_are_decoded() {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode("学校代码,学校名称\nS1,第一中学");
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "fixture must not be UTF-8"
        );
        assert_eq!(decode(&bytes).unwrap(), "学校代码,学校名称\nS1,第一中学");
    }

    #[test]
    fn bytes_that_are_neither_are_an_error() {
        // 0x81 0x20: a GBK lead byte followed by a byte that cannot trail it.
        let err = decode(b"id\n\x81\x20\x81\x20").unwrap_err();
        assert!(err.contains("neither UTF-8 nor GBK"), "{err}");
    }

    #[test]
    fn utf16_is_refused_with_advice() {
        let err = decode(b"\xFF\xFEi\0d\0").unwrap_err();
        assert!(err.contains("UTF-16"), "{err}");
    }
}
