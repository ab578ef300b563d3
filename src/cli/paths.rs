//! Checks of the command line's paths, made before anything is loaded,
//! solved or written: a path the run could not use is the user's to fix
//! (exit 1, with what to do), not an internal error found after a long
//! solve. Each check returns its problems as sentences naming the flag.

use std::path::Path;

use crate::lang::tr;

/// An output folder (`--out`): absent (it is created, so its nearest
/// existing ancestor must be a folder) or a folder, with no folder where
/// one of `names` goes.
pub(super) fn output_folder(
    flag: &str,
    dir: &Path,
    names: impl IntoIterator<Item = &'static str>,
) -> Vec<String> {
    let shown = dir.display();
    if dir.exists() {
        if !dir.is_dir() {
            return vec![tr!(PathIsAFile, flag = flag, path = shown)];
        }
        return names
            .into_iter()
            .filter(|name| dir.join(name).is_dir())
            .map(|name| tr!(PathHoldsFolder, flag = flag, path = shown, name = name))
            .collect();
    }
    match nearest_existing(dir) {
        Some(ancestor) if !ancestor.is_dir() => vec![tr!(
            PathCannotCreate,
            flag = flag,
            path = shown,
            file = ancestor.display()
        )],
        _ => Vec::new(),
    }
}

/// A file to create (`--export-model`): its folder must exist, and the path
/// must not be a folder.
pub(super) fn new_file(flag: &str, path: &Path) -> Vec<String> {
    let shown = path.display();
    if path.is_dir() {
        return vec![tr!(
            PathIsAFolder,
            flag = flag,
            path = shown,
            example = path.join("model.mps").display()
        )];
    }
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return vec![tr!(
            PathNoFolder,
            flag = flag,
            path = shown,
            folder = parent.display()
        )];
    }
    Vec::new()
}

/// A file to read (`--previous`, a roster to check).
pub(super) fn existing_file(flag: &str, path: &Path) -> Vec<String> {
    let shown = path.display();
    if path.is_dir() {
        vec![tr!(PathRosterIsFolder, flag = flag, path = shown)]
    } else if !path.exists() {
        vec![tr!(PathNoRoster, flag = flag, path = shown)]
    } else {
        Vec::new()
    }
}

/// The deepest ancestor of `path` that exists (`path` itself excluded).
fn nearest_existing(path: &Path) -> Option<&Path> {
    path.ancestors()
        .skip(1)
        .map(|a| {
            if a.as_os_str().is_empty() {
                Path::new(".")
            } else {
                a
            }
        })
        .find(|a| a.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_folder_that_is_a_file_or_under_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "x").unwrap();
        assert!(output_folder("--out", &file, [])[0].contains("is a file"));
        let under = file.join("out");
        assert!(output_folder("--out", &under, [])[0].contains("cannot be created"));
        assert!(output_folder("--out", &dir.path().join("new/deeper"), []).is_empty());
        std::fs::create_dir(dir.path().join("roster.csv")).unwrap();
        let problems = output_folder("--out", dir.path(), ["summary.json", "roster.csv"]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("roster.csv in it is a folder"));
    }

    #[test]
    fn a_new_file_needs_its_folder_and_must_not_be_one() {
        let dir = tempfile::tempdir().unwrap();
        assert!(new_file("--export-model", dir.path())[0].contains("is a folder"));
        let missing = dir.path().join("no/model.mps");
        assert!(new_file("--export-model", &missing)[0].contains("does not exist"));
        assert!(new_file("--export-model", &dir.path().join("m.mps")).is_empty());
        assert!(new_file("--export-model", Path::new("m.mps")).is_empty());
    }

    #[test]
    fn a_file_to_read_must_exist() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("roster.csv");
        assert!(existing_file("--previous", &missing)[0].contains("no such file"));
        assert!(existing_file("--previous", dir.path())[0].contains("is a folder"));
    }
}
