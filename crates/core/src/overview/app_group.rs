//! Apps that share a spec's `group: "Wedding"` are listed together, in the
//! launcher and in `nook ls`: each group where its first app is, its apps in
//! the order they came.

/// The order of rows whose groups are `groups`: a grouped row moves up to
/// just after the rows of its group before it; ungrouped rows stay put.
pub fn gather(groups: &[Option<&str>]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(groups.len());
    let mut placed = vec![false; groups.len()];
    for i in 0..groups.len() {
        if placed[i] {
            continue;
        }
        placed[i] = true;
        out.push(i);
        if let Some(g) = groups[i] {
            for j in i + 1..groups.len() {
                if !placed[j] && groups[j] == Some(g) {
                    placed[j] = true;
                    out.push(j);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::gather;

    #[test]
    fn a_group_is_gathered_where_its_first_app_is() {
        let w = Some("Wedding");
        assert_eq!(
            gather(&[None, w, None, w, Some("Trip"), w]),
            vec![0, 1, 3, 5, 2, 4]
        );
        assert_eq!(gather(&[None, None]), vec![0, 1]);
        assert_eq!(gather(&[]), Vec::<usize>::new());
    }
}
