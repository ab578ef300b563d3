//! Ids of the rows of one file, resolved to indexes with a hash map so that
//! cross-references stay linear for 250,000 teachers.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use super::table::{Column, Row};
use crate::lang::{tr, Language, Msg};

pub(crate) struct Ids {
    /// Id → (index in the loaded vector, line it was defined on).
    by_id: HashMap<String, (usize, u64)>,
    /// False when the file could not be read: references to it are then not
    /// checked, so that one broken file does not flood the report.
    complete: bool,
    noun: Msg,
    file: &'static str,
}

impl Ids {
    /// `noun` and `file` name the referenced rows in messages
    /// (`no school with id "S9" in schools.csv`).
    pub(crate) fn new(noun: Msg, file: &'static str) -> Ids {
        Ids {
            by_id: HashMap::new(),
            complete: true,
            noun,
            file,
        }
    }

    /// Ids of a file that could not be read.
    pub(crate) fn unavailable(noun: Msg, file: &'static str) -> Ids {
        Ids {
            complete: false,
            ..Ids::new(noun, file)
        }
    }

    /// Registers the id of `row`; returns its index, or `None` (recorded)
    /// when the id is already taken.
    pub(crate) fn insert(&mut self, row: &Row, column: &Column, id: &str) -> Option<usize> {
        if let Some(bad) = id.chars().find(|c| c.is_control()) {
            row.error(
                column,
                tr!(IdControl, code = format!("U+{:04X}", bad as u32)),
            );
            return None;
        }
        let next = self.by_id.len();
        match self.by_id.entry(id.to_string()) {
            Entry::Occupied(first) => {
                let first_line = first.get().1;
                row.error(
                    column,
                    tr!(
                        IdDuplicate,
                        noun = self.noun.text(Language::current()),
                        line = first_line
                    ),
                );
                None
            }
            Entry::Vacant(slot) => {
                slot.insert((next, row.line));
                Some(next)
            }
        }
    }

    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&(ix, _)| ix)
    }

    /// Line an id was defined on.
    pub(crate) fn line(&self, id: &str) -> Option<u64> {
        self.by_id.get(id).map(|&(_, line)| line)
    }

    /// Whether an unknown id is an error (see `complete`).
    pub(crate) fn unknown_message(&self, id: &str) -> Option<String> {
        self.complete.then(|| {
            tr!(
                IdUnknown,
                noun = self.noun.text(Language::current()),
                id = format!("{id:?}"),
                file = self.file
            )
        })
    }

    /// The index named by `row`'s cell in `column`; `None` when the cell is
    /// empty or names no known row (recorded when the ids are complete).
    pub(crate) fn resolve(&self, row: &Row, column: &Column) -> Option<usize> {
        let id = row.text(column)?;
        let found = self.get(id);
        if found.is_none() {
            if let Some(message) = self.unknown_message(id) {
                row.error(column, message);
            }
        }
        found
    }

    /// Like [`Ids::resolve`], but an empty cell is an error too.
    pub(crate) fn resolve_required(&self, row: &Row, column: &Column) -> Option<usize> {
        row.required_text(column)?;
        self.resolve(row, column)
    }
}
