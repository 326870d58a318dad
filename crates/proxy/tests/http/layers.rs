//! The proxy's modules form a graph without circles, and the sandbox uses
//! nothing of the proxy but Amwal's wire types and signatures (and the log
//! line macro): read from the source, so a new `use` that breaks either
//! fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its non-test code names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src");
            let top = rel
                .iter()
                .next()
                .and_then(|c| c.to_str())
                .expect("name")
                .trim_end_matches(".rs")
                .to_owned();
            let text = std::fs::read_to_string(&path).expect("readable");
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            let named = graph.entry(top.clone()).or_default();
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !name.is_empty() && name != top {
                    named.insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn no_module_reaches_itself_through_others() {
    let graph = imports();
    for start in graph.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(next) = todo.pop() {
            assert_ne!(next, start, "{start} reaches itself: {graph:#?}");
            if seen.insert(next.clone()) {
                todo.extend(graph.get(next).into_iter().flatten());
            }
        }
    }
}

#[test]
fn the_sandbox_uses_only_amwals_types_and_signatures() {
    let graph = imports();
    let used: BTreeSet<&str> = graph["sandbox"].iter().map(String::as_str).collect();
    assert!(
        used.iter().all(|m| ["amwal", "log"].contains(m)),
        "{used:?}"
    );
}
