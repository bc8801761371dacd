//! `nook change` measured against tests/library/change_cases.txt: a spec, a
//! sentence, and the lines the change adds and takes away. Every other
//! line (comments, layout) must stay exactly as it was, and the result
//! must parse; a refused change says why.

use std::collections::HashMap;

use nook::describe::change::change;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

struct Case {
    line: usize,
    sentence: String,
    spec: String,
    plus: Vec<String>,
    minus: Vec<String>,
    refused: Option<String>,
}

fn read() -> (HashMap<String, String>, Vec<Case>) {
    let text = include_str!("change_cases.txt");
    let mut specs = HashMap::new();
    let mut cases: Vec<Case> = Vec::new();
    let mut open: Option<(String, String)> = None;
    let mut last_spec = String::new();
    for (n, line) in text.lines().enumerate() {
        if let Some((name, body)) = &mut open {
            if line == "===" {
                specs.insert(name.clone(), std::mem::take(body));
                open = None;
            } else {
                body.push_str(line);
                body.push('\n');
            }
            continue;
        }
        if let Some(name) = line.strip_prefix("=== ") {
            open = Some((name.trim().to_string(), String::new()));
        } else if let Some(s) = line.strip_prefix("> ") {
            cases.push(Case {
                line: n + 1,
                sentence: s.to_string(),
                spec: last_spec.clone(),
                plus: Vec::new(),
                minus: Vec::new(),
                refused: None,
            });
        } else if line.trim().is_empty() || line.starts_with('#') {
            continue;
        } else {
            let case = cases
                .last_mut()
                .unwrap_or_else(|| panic!("line {}: before any case", n + 1));
            if let Some(s) = line.strip_prefix("@ ") {
                case.spec = s.trim().to_string();
                last_spec = case.spec.clone();
            } else if let Some(s) = line.strip_prefix("+ ") {
                case.plus.push(s.to_string());
            } else if let Some(s) = line.strip_prefix("- ") {
                case.minus.push(s.to_string());
            } else if let Some(s) = line.strip_prefix("! ") {
                case.refused = Some(s.to_string());
            } else {
                panic!("line {}: not a case line: {line}", n + 1);
            }
        }
    }
    (specs, cases)
}

/// `lines` without one line whose trimmed text is each of `take`; None
/// when one of them is not there.
fn without<'a>(lines: &[&'a str], take: &[String]) -> Result<Vec<&'a str>, String> {
    let mut out = lines.to_vec();
    for t in take {
        let i = out
            .iter()
            .position(|l| l.trim() == t.trim())
            .ok_or_else(|| format!("no line `{t}`"))?;
        out.remove(i);
    }
    Ok(out)
}

fn run(specs: &HashMap<String, String>, c: &Case) -> Result<(), String> {
    let text = specs
        .get(&c.spec)
        .ok_or_else(|| format!("no spec {:?}", c.spec))?;
    let spec = nook::spec::parse_str(&format!("{}.ron", c.spec), text).map_err(|e| format!("{e:?}"))?;
    let result = change(text, &spec, &c.sentence, today());
    match (&c.refused, result) {
        (Some(words), Err(e)) if e.contains(words.as_str()) => Ok(()),
        (Some(words), Err(e)) => Err(format!("refused, but saying {e:?}, not {words:?}")),
        (Some(_), Ok(done)) => Err(format!("should be refused, but made:\n{}", done.text)),
        (None, Err(e)) => Err(format!("refused: {e}")),
        (None, Ok(done)) => {
            nook::spec::parse_str(&format!("{}.ron", c.spec), &done.text)
                .map_err(|e| format!("the result does not parse: {e:?}\n{}", done.text))?;
            let before: Vec<&str> = text.lines().collect();
            let after: Vec<&str> = done.text.lines().collect();
            let kept_before = without(&before, &c.minus).map_err(|e| format!("before: {e}"))?;
            let kept_after = without(&after, &c.plus).map_err(|e| format!("{e} in:\n{}", done.text))?;
            if kept_before != kept_after {
                return Err(format!("other lines changed:\n{}", done.text));
            }
            if done.summary.is_empty() {
                return Err("no summary".into());
            }
            Ok(())
        }
    }
}

#[test]
fn every_change_case_comes_out_as_written() {
    let (specs, cases) = read();
    assert!(cases.len() >= 30, "the set has {} cases", cases.len());
    let failed: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            run(&specs, c)
                .err()
                .map(|e| format!("line {}: {:?}: {e}", c.line, c.sentence))
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} failed:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n\n")
    );
}

#[test]
fn a_change_keeps_a_crlf_file_and_a_byte_order_mark_readable() {
    let text = "\u{feff}// c\r\nList(\r\n    name: \"A\",\r\n    fields: {\r\n        \"x\": Text(),\r\n    },\r\n)\r\n";
    let spec = nook::spec::parse_str("a.ron", text).unwrap();
    let done = change(text, &spec, "add a rating out of 5", today()).unwrap();
    nook::spec::parse_str("a.ron", &done.text).unwrap();
    assert!(done.text.starts_with("\u{feff}// c\r\n"), "{:?}", done.text);
    assert!(
        done.text.contains("\"rating\": Rating(max: 5),"),
        "{:?}",
        done.text
    );
}
