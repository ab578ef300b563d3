//! Reading a text file the way a county office saves it: UTF-8 with or
//! without a byte-order mark, or GBK, which is what Excel writes for "CSV" on
//! a Chinese Windows (SPEC §3). Nothing is configured: a file that is valid
//! UTF-8 is UTF-8 (GBK text of any length is almost never valid UTF-8), and
//! anything else must decode cleanly as GBK.

use std::path::Path;

use super::Diagnostic;
use crate::lang::tr;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The file's text, or a diagnostic saying why it cannot be read.
pub(crate) fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|err| Diagnostic::file(path, tr!(FileUnreadable, error = err)))?;
    decode(&bytes).map_err(|(line, message)| Diagnostic {
        line,
        ..Diagnostic::file(path, message)
    })
}

/// Decodes file contents: BOM-stripped UTF-8 first, then GBK. An error
/// has the line of the first byte that neither encoding can read (the
/// encoding that reads further is the one the file is most likely in).
pub(crate) fn decode(bytes: &[u8]) -> Result<String, (Option<u64>, String)> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err((None, tr!(FileUtf16)));
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        Err(err) => err.valid_up_to(),
    };
    let mut decoder = encoding_rs::GBK.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(room);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    let gbk_error = match result {
        encoding_rs::DecoderResult::InputEmpty => return Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, extra) => {
            read.saturating_sub(bad as usize + extra as usize)
        }
        encoding_rs::DecoderResult::OutputFull => {
            // The buffer was too small; decode again with room for all.
            return encoding_rs::GBK
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|text| text.into_owned())
                .ok_or_else(|| (None, tr!(FileNeither)));
        }
    };
    let at = utf8_error.max(gbk_error);
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
    Err((Some(line), tr!(FileNeitherAt)))
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
        let (line, err) = decode(b"id\n\x81\x20\x81\x20").unwrap_err();
        assert!(err.contains("neither UTF-8 nor GBK"), "{err}");
        assert_eq!(line, Some(2));
    }

    #[test]
    fn a_bad_byte_in_a_gbk_file_is_found_on_its_line() {
        let (mut bytes, _, _) = encoding_rs::GBK.encode("学校代码\nS1\n第一中学\n");
        bytes.to_mut().extend_from_slice(b"x\x81\x20\n");
        let (line, _) = decode(&bytes).unwrap_err();
        assert_eq!(line, Some(4));
    }

    #[test]
    fn utf16_is_refused_with_advice() {
        let (_, err) = decode(b"\xFF\xFEi\0d\0").unwrap_err();
        assert!(err.contains("UTF-16"), "{err}");
    }
}
