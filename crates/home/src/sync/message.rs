//! The commit message: which apps were added, edited, renamed or removed,
//! e.g. "nook: add water, edit books".

/// Builds the message from `git diff --cached --name-status -M` output.
pub fn commit_message(name_status: &str) -> String {
    // (verb, names) in the order first seen: "add water, tea, edit books".
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    let mut count = 0;
    for line in name_status.lines() {
        let mut cols = line.split('\t');
        let (Some(code), Some(file)) = (cols.next(), cols.next()) else {
            continue;
        };
        let name = |f: &str| f.strip_suffix(".ron").unwrap_or(f).to_string();
        let (verb, what) = match code.chars().next() {
            Some('A') => ("add", name(file)),
            Some('D') => ("remove", name(file)),
            Some('R') => (
                "rename",
                format!("{} to {}", name(file), name(cols.next().unwrap_or(file))),
            ),
            _ => ("edit", name(file)),
        };
        count += 1;
        if count > SHOWN {
            continue;
        }
        match groups.iter_mut().find(|(v, _)| *v == verb) {
            Some((_, names)) => names.push(what),
            None => groups.push((verb, vec![what])),
        }
    }
    if groups.is_empty() {
        return "nook: sync".into();
    }
    let mut parts: Vec<String> = groups
        .into_iter()
        .map(|(verb, names)| format!("{verb} {}", names.join(", ")))
        .collect();
    if count > SHOWN {
        parts.push(format!("and {} more", count - SHOWN));
    }
    format!("nook: {}", parts.join(", "))
}

const SHOWN: usize = 6;

#[cfg(test)]
mod tests {
    use super::commit_message;

    #[test]
    fn names_the_apps() {
        assert_eq!(
            commit_message("A\twater.ron\nM\tbooks.ron\nD\ttea.ron\nR090\ta.ron\tb.ron\n"),
            "nook: add water, edit books, remove tea, rename a to b"
        );
        assert_eq!(
            commit_message("A\twater.ron\nM\tbooks.ron\nA\ttea.ron\n"),
            "nook: add water, tea, edit books"
        );
        let many: String = (0..9).map(|i| format!("A\tapp{i}.ron\n")).collect();
        assert!(commit_message(&many).ends_with("add app0, app1, app2, app3, app4, app5, and 3 more"));
    }
}
