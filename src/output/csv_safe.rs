//! Cell-level CSV text: formula escaping (SPEC §4) and RFC 4180 quoting.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab or
//! a carriage return as a formula (CSV injection), so such a cell is written
//! with a leading `'`. The escape is made reversible — see [`escape_formula`]
//! — and this is the one pair every writer and reader uses: every CSV
//! writer goes through [`push_record`], and every reader through the input
//! table reader, which applies [`unescape_formula`] to every cell.
//!
//! Quoting is done here rather than with `csv::Writer` because writing into a
//! `Vec<u8>` cannot fail, and a hand-rolled quoter keeps the renderers
//! infallible without an `unwrap`. It quotes exactly where the `csv` crate's
//! default (`QuoteStyle::Necessary`) does, so the `csv` reader reads it back
//! (tested below).

use std::borrow::Cow;

/// Characters that make a spreadsheet evaluate a cell (SPEC §4).
const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` begins, after any run of `'`, with a formula trigger.
fn needs_escape(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .starts_with(FORMULA_TRIGGERS.as_slice())
}

/// Prefixes `'` to a cell that a spreadsheet would run as a formula.
///
/// The rule is "after any leading `'`s, a trigger character follows", not
/// just "starts with a trigger": that way `'=x` (a cell whose text really
/// begins with an apostrophe) becomes `''=x`, and [`unescape_formula`]
/// always restores the original. Every other cell is returned untouched.
pub(crate) fn escape_formula(cell: &str) -> Cow<'_, str> {
    if needs_escape(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Reverses [`escape_formula`]: drops one leading `'` when, after the
/// leading `'`s, a formula trigger follows. For readers of our own files.
pub(crate) fn unescape_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_escape(rest) => rest,
        _ => cell,
    }
}

/// Appends `field` to `out`, quoted as RFC 4180 requires: a field holding a
/// delimiter, a quote, CR or LF is wrapped in `"` with inner quotes doubled.
fn push_quoted(out: &mut Vec<u8>, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push(b'"');
        out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(field.as_bytes());
    }
}

/// The UTF-8 byte-order mark every CSV output begins with (SPEC §4). Excel
/// on a Chinese Windows opens a CSV without it as GBK and shows 刘娟 as
/// `鍒樺��`; with it, by double-click, right. Our readers, the `csv` crate's
/// and spreadsheets take it off again.
pub(crate) const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A new CSV output: the byte-order mark and the header record, with room
/// for `rows` more records of about `row_bytes` each.
pub(crate) fn start_csv(header: &[&str], rows: usize, row_bytes: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(UTF8_BOM.len() + row_bytes * (rows + 1));
    out.extend_from_slice(UTF8_BOM);
    push_record(&mut out, header.iter().map(|h| Cell::Text(h)));
    out
}

/// Appends one record terminated by `\n`. Text cells are formula-escaped
/// then quoted; numeric cells are only quoted (they cannot need it).
pub(crate) fn push_record<'a>(out: &mut Vec<u8>, cells: impl IntoIterator<Item = Cell<'a>>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match cell {
            Cell::Text(text) => push_quoted(out, &escape_formula(text)),
            Cell::Number(n) => out.extend_from_slice(n.to_string().as_bytes()),
            Cell::Decimal(Some(x), decimals) if x.is_finite() => {
                out.extend_from_slice(format!("{x:.decimals$}").as_bytes());
            }
            Cell::Decimal(..) => {}
        }
    }
    out.push(b'\n');
}

/// Reads back a CSV file this module wrote (for `merge`): the header must be
/// `header` exactly, every record as wide, and each text cell gets its
/// formula escape taken off, so that rendering the records again gives the
/// same bytes. A leading byte-order mark is accepted.
pub(crate) fn read_records(bytes: &[u8], header: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let found = reader.headers().map_err(|e| e.to_string())?;
    if !found.iter().eq(header.iter().copied()) {
        return Err(format!(
            "the header is {:?}, expected {:?}",
            found.iter().collect::<Vec<_>>().join(","),
            header.join(",")
        ));
    }
    reader
        .records()
        .map(|record| {
            let record = record.map_err(|e| e.to_string())?;
            Ok(record
                .iter()
                .map(|cell| unescape_formula(cell).to_string())
                .collect())
        })
        .collect()
}

/// One cell of an output record.
pub(crate) enum Cell<'a> {
    /// Free text: ids, names, subjects, terms, reasons. Formula-escaped.
    Text(&'a str),
    /// A count.
    Number(u32),
    /// A figure with this many decimals; empty when missing or not finite.
    /// Never formula-escaped: a negative objective must stay a number.
    Decimal(Option<f64>, usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_back_render_the_same_bytes() {
        let mut out = Vec::new();
        push_record(&mut out, [Cell::Text("a"), Cell::Text("b")]);
        push_record(&mut out, [Cell::Text("'=x, \"y\""), Cell::Number(7)]);
        push_record(&mut out, [Cell::Text("-1"), Cell::Text("王\n明")]);
        let records = read_records(&out, &["a", "b"]).unwrap();
        let mut again = Vec::new();
        push_record(&mut again, [Cell::Text("a"), Cell::Text("b")]);
        for record in &records {
            push_record(&mut again, record.iter().map(|c| Cell::Text(c)));
        }
        assert_eq!(
            String::from_utf8(again).unwrap(),
            String::from_utf8(out.clone()).unwrap()
        );
        assert_eq!(records[0], ["'=x, \"y\"", "7"]);

        let mut with_bom = "\u{feff}".as_bytes().to_vec();
        with_bom.extend_from_slice(&out);
        assert_eq!(read_records(&with_bom, &["a", "b"]).unwrap(), records);
        assert!(read_records(&out, &["a", "c"])
            .unwrap_err()
            .contains("expected"));
        assert!(read_records(b"a,b\n1\n", &["a", "b"]).is_err());
    }

    #[test]
    fn formula_triggers_get_an_apostrophe() {
        assert_eq!(escape_formula("=SUM(A1:A9)"), "'=SUM(A1:A9)");
        assert_eq!(escape_formula("+1"), "'+1");
        assert_eq!(escape_formula("-x"), "'-x");
        assert_eq!(escape_formula("@x"), "'@x");
    }

    #[test]
    fn normal_text_is_untouched() {
        for cell in [
            "张伟",
            "math",
            "overdue:8y;backbone",
            "",
            "a=b",
            "x-1",
            "'quoted",
        ] {
            assert!(matches!(escape_formula(cell), Cow::Borrowed(_)), "{cell}");
        }
    }

    #[test]
    fn escaping_round_trips_even_with_leading_apostrophes() {
        for cell in [
            "=1", "'=1", "''=1", "'plain", "plain", "", "'", "-", "\tx", "'\rx",
        ] {
            let escaped = escape_formula(cell);
            assert_eq!(unescape_formula(&escaped), cell, "{cell:?} -> {escaped:?}");
        }
        assert_eq!(escape_formula("'=1"), "''=1");
    }

    #[test]
    fn records_read_back_with_the_csv_crate() {
        let texts = [
            "王, 小明",
            "say \"hi\"",
            "two\nlines",
            "cr\rhere",
            "=HYPERLINK(\"x\")",
            "",
        ];
        let mut out = Vec::new();
        push_record(&mut out, texts.iter().map(|t| Cell::Text(t)));
        push_record(&mut out, [Cell::Text("a"), Cell::Number(7)]);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(out.as_slice());
        let records: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
        let first: Vec<&str> = records[0].iter().map(unescape_formula).collect();
        assert_eq!(first, texts);
        assert_eq!(&records[0][4], "'=HYPERLINK(\"x\")");
        assert_eq!(records[1].iter().collect::<Vec<_>>(), ["a", "7"]);
    }

    #[test]
    fn quoting_matches_the_csv_crate_writer() {
        let fields = ["plain", "a,b", "q\"q", "n\nn", "r\rr", " spaced ", "中文"];
        let mut ours = Vec::new();
        push_record(&mut ours, fields.iter().map(|t| Cell::Text(t)));
        let mut theirs = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        theirs.write_record(fields).unwrap();
        assert_eq!(ours, theirs.into_inner().unwrap());
    }
}
