//! Teaching subjects, interned: each distinct subject is stored once for the
//! whole process and a [`Subject`] is a reference to it.
//!
//! A large county's model makes half a million exchanges, each naming its
//! subject, and looks subjects up in hash maps millions of times. With an
//! owned string per subject every exchange cost an allocation and a free,
//! and every lookup a byte comparison; interned, a copy is a pointer and
//! equal subjects are the same pointer. Hashing and ordering still go by
//! the text, so maps and sorted lists come out exactly as before.

use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A teaching subject, compared after trimming and case-folding (SPEC §1), so
/// `Math`, ` math ` and `math` are one subject. The folded form is what every
/// output shows.
#[derive(Clone, Copy, Debug, Eq, PartialOrd, Ord)]
pub struct Subject(&'static str);

/// Every subject made so far. Subjects are the few dozen names of a
/// county's curriculum, so keeping them for the life of the process costs
/// nothing worth counting.
static INTERNED: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);

impl Subject {
    pub fn new(raw: &str) -> Subject {
        let folded = raw.trim().to_lowercase();
        let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
        let interned = interned.get_or_insert_with(HashSet::new);
        if let Some(&text) = interned.get(folded.as_str()) {
            return Subject(text);
        }
        let text: &'static str = Box::leak(folded.into_boxed_str());
        interned.insert(text);
        Subject(text)
    }

    pub fn as_str(&self) -> &str {
        self.0
    }
}

impl PartialEq for Subject {
    /// Interned: the same subject is the same text in memory, so the
    /// pointer decides equality without reading the bytes (the text
    /// comparison is kept as the fallback).
    fn eq(&self, other: &Subject) -> bool {
        std::ptr::eq(self.0, other.0) || self.0 == other.0
    }
}

impl Hash for Subject {
    /// As the text hashes (a `String` key hashed the same way before).
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Subject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Subject {
    /// Folded as [`Subject::new`] folds (an already folded subject, as
    /// every output writes it, reads back unchanged).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Subject, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(Subject::new(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_folded_and_one_text_in_memory() {
        let (a, b) = (Subject::new(" Math "), Subject::new("math"));
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "math");
        assert!(std::ptr::eq(a.as_str(), b.as_str()));
        assert_ne!(a, Subject::new("physics"));
        assert!(a < Subject::new("physics"));
    }

    #[test]
    fn a_subject_hashes_as_its_text() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |h: &dyn Fn(&mut DefaultHasher)| {
            let mut hasher = DefaultHasher::new();
            h(&mut hasher);
            hasher.finish()
        };
        let subject = Subject::new("english");
        assert_eq!(
            hash(&|h| subject.hash(h)),
            hash(&|h| String::from("english").hash(h))
        );
    }
}
