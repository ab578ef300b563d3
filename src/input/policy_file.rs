//! `policy.toml` (SPEC §3). Every problem is reported with the key it is
//! about and, when read from a file, the line: unknown keys (all of them,
//! not just serde's first), values of the wrong type, and values that break
//! the policy's own rules ([`Policy::problems`]).
//!
//! The raw table is kept next to the policy so that `whatif` can merge
//! override keys into it and re-validate with [`policy_from_value`].

use std::path::{Path, PathBuf};

use toml::Value;

use crate::domain::policy::TermSpec;
use crate::domain::Policy;
use crate::lang::tr;

use super::encoding::read_text;
use super::{Diagnostic, Diagnostics};

/// A validated policy and the table it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedPolicy {
    pub policy: Policy,
    /// The file's top-level table as parsed (an empty table for defaults).
    pub raw: Value,
    /// The file read, `None` for defaults.
    pub source: Option<PathBuf>,
}

impl Default for LoadedPolicy {
    fn default() -> Self {
        LoadedPolicy {
            policy: Policy::default(),
            raw: Value::Table(toml::Table::new()),
            source: None,
        }
    }
}

/// Reads and validates a policy file; `None` gives every default.
pub fn load_policy(path: Option<&Path>) -> Result<LoadedPolicy, Diagnostics> {
    let Some(path) = path else {
        return Ok(LoadedPolicy::default());
    };
    let text = read_text(path).map_err(|diagnostic| Diagnostics(vec![diagnostic]))?;
    let table: toml::Table = text.parse().map_err(|err: toml::de::Error| {
        Diagnostics(vec![Diagnostic {
            line: err.span().map(|span| line_of(&text, span.start)),
            ..Diagnostic::file(path, tr!(PolicyNotToml, error = err.message().trim()))
        }])
    })?;
    let raw = Value::Table(table);
    match policy_from_value(raw.clone(), path) {
        Ok(policy) => Ok(LoadedPolicy {
            policy,
            raw,
            source: Some(path.to_path_buf()),
        }),
        Err(mut diagnostics) => {
            add_lines(&text, &mut diagnostics);
            Err(diagnostics)
        }
    }
}

/// Validates a policy table (perhaps with override keys merged in).
/// Diagnostics name `source` and the key, but no line.
pub fn policy_from_value(value: Value, source: &Path) -> Result<Policy, Diagnostics> {
    let problem = |key: &str, value: Option<&Value>, message: String| Diagnostic {
        column: Some(key.to_string()),
        value: value.map(show),
        ..Diagnostic::file(source, message)
    };
    let mut diagnostics = Vec::new();
    if let Some(schema) = schema() {
        unknown_keys(&value, &schema, "", &mut |key, known| {
            diagnostics.push(problem(
                key,
                None,
                tr!(PolicyUnknownKey, known = known.join(", ")),
            ));
        });
    }
    if !diagnostics.is_empty() {
        return Err(Diagnostics(diagnostics));
    }
    // Deserializing each value on its own reports every badly typed one.
    leaves(&value, "", &mut |key, leaf, alone| {
        if let Err(message) = deserialize(&alone) {
            diagnostics.push(problem(key, Some(leaf), clean_serde_message(&message)));
        }
    });
    if !diagnostics.is_empty() {
        return Err(Diagnostics(diagnostics));
    }
    let policy = deserialize(&value)
        .map_err(|message| Diagnostics(vec![Diagnostic::file(source, message)]))?;
    let diagnostics: Vec<Diagnostic> = policy
        .problems()
        .iter()
        .map(|text| match text.split_once(": ") {
            Some((key, message)) => problem(key, None, message.to_string()),
            None => Diagnostic::file(source, text.clone()),
        })
        .collect();
    if diagnostics.is_empty() {
        Ok(policy)
    } else {
        Err(Diagnostics(diagnostics))
    }
}

/// A policy from a TOML tree. It goes through TOML text because toml 0.8's
/// `Value` deserializer hands dates over as strings, which `TermSpec`'s
/// `Datetime` fields refuse.
fn deserialize(value: &Value) -> Result<Policy, String> {
    let text = toml::to_string(value).map_err(|err| err.to_string())?;
    toml::from_str(&text).map_err(|err: toml::de::Error| err.message().trim().to_string())
}

/// Every key a policy may have, as a TOML tree: the defaults serialized,
/// with one horizon term so that term keys are known too.
fn schema() -> Option<Value> {
    let date = "2000-01-01".parse().ok()?;
    let mut policy = Policy::default();
    policy.horizon.terms = Some(vec![TermSpec {
        id: String::new(),
        start: date,
        end: date,
    }]);
    Value::try_from(policy).ok()
}

/// Calls `report(key, known keys)` for every key of `value` that `schema`
/// does not have. Arrays are checked element by element against the
/// schema's first element.
fn unknown_keys(value: &Value, schema: &Value, path: &str, report: &mut dyn FnMut(&str, &[&str])) {
    match (value, schema) {
        (Value::Table(table), Value::Table(known)) => {
            for (key, value) in table {
                let key_path = join(path, key);
                match known.get(key) {
                    Some(schema) => unknown_keys(value, schema, &key_path, report),
                    None => {
                        let names: Vec<&str> = known.keys().map(String::as_str).collect();
                        report(&key_path, &names);
                    }
                }
            }
        }
        (Value::Array(items), Value::Array(known)) => {
            if let Some(schema) = known.first() {
                for (i, item) in items.iter().enumerate() {
                    unknown_keys(item, schema, &format!("{path}[{i}]"), report);
                }
            }
        }
        _ => {}
    }
}

/// Calls `visit(key, leaf, table holding only that leaf)` for every value
/// that is not a table. Arrays are leaves: `horizon.terms` is checked whole.
fn leaves(value: &Value, path: &str, visit: &mut dyn FnMut(&str, &Value, Value)) {
    let Value::Table(table) = value else {
        return;
    };
    for (key, child) in table {
        let key_path = join(path, key);
        if child.is_table() {
            leaves(child, &key_path, visit);
        } else {
            let mut alone = child.clone();
            for segment in key_path.rsplit('.') {
                let mut table = toml::Table::new();
                table.insert(segment.to_string(), alone);
                alone = Value::Table(table);
            }
            visit(&key_path, child, alone);
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A value as the user wrote it: strings without TOML quotes.
fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// serde's `invalid type: string "x", expected f64` reads better as
/// `expected a number` for someone editing a TOML file.
fn clean_serde_message(message: &str) -> String {
    let message = message.trim();
    let expected = message.rsplit_once("expected ").map(|(_, e)| e);
    match expected {
        Some(e) if e.starts_with("f64") || e.starts_with("f32") => tr!(CellNumber),
        Some(e) if e.starts_with("u32") || e.starts_with("u64") => tr!(PolicyWholeNumber),
        Some(e) if e.starts_with("a boolean") => tr!(PolicyBoolean),
        _ => message.to_string(),
    }
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

/// Fills in the line of each diagnostic's key from the file's text.
fn add_lines(text: &str, diagnostics: &mut Diagnostics) {
    let Ok(document) = toml_edit::ImDocument::parse(text) else {
        return;
    };
    for diagnostic in &mut diagnostics.0 {
        if diagnostic.line.is_some() {
            continue;
        }
        if let Some(key) = &diagnostic.column {
            diagnostic.line =
                key_offset(document.as_item(), key).map(|offset| line_of(text, offset));
        }
    }
}

/// Byte offset of the deepest part of `key` (`a.b[1].c`) found in the file.
fn key_offset(root: &toml_edit::Item, key: &str) -> Option<usize> {
    let mut item = root;
    let mut offset = None;
    for segment in key.split('.') {
        let (name, indexes) = match segment.find('[') {
            Some(at) => (&segment[..at], &segment[at..]),
            None => (segment, ""),
        };
        let Some((found_key, found)) = item.as_table_like().and_then(|t| t.get_key_value(name))
        else {
            return offset;
        };
        offset = found_key.span().map(|span| span.start).or(offset);
        item = found;
        if let Ok(index) = indexes.trim_matches(['[', ']']).parse::<usize>() {
            // A term's line is precise enough: keys inside it are not followed.
            let element = item
                .as_array()
                .and_then(|array| array.get(index))
                .and_then(|value| value.span())
                .or_else(|| {
                    item.as_array_of_tables()
                        .and_then(|tables| tables.get(index))
                        .and_then(|table| table.span())
                });
            return element.map(|span| span.start).or(offset);
        }
    }
    offset
}
