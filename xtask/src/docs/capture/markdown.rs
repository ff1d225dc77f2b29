//! Markdown-table captures: `| a | b | c |` rows under a header row and a `|---|` separator.

use super::{is_table_header, Block, RawRow, ReadError};

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cur.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

/// Reads a Markdown-table page.
pub fn read(text: &str) -> Result<Vec<Block>, ReadError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (line, text) = lines[i];
        if !(text.starts_with('|') && text.len() > 1) {
            blocks.push(Block::Text {
                line,
                text: text.to_string(),
            });
            i += 1;
            continue;
        }
        let header = cells(text);
        if !header.first().is_some_and(|c| is_table_header(c)) {
            return Err(ReadError {
                line,
                message: format!(
                    "a table whose first column is {:?}: expected Parameter or Status Code",
                    header.first().cloned().unwrap_or_default()
                ),
            });
        }
        let separator = lines.get(i + 1).map(|(_, l)| *l).unwrap_or("");
        if !(separator.starts_with('|') && separator.contains("---")) {
            return Err(ReadError {
                line: line + 1,
                message: "a table header must be followed by a `|---|` separator row".into(),
            });
        }
        i += 2;
        let mut rows = Vec::new();
        while let Some(&(row_line, l)) = lines.get(i) {
            if !l.starts_with('|') {
                break;
            }
            let c = cells(l);
            if is_table_header(&c[0]) {
                break;
            }
            if c.len() != header.len() {
                return Err(ReadError {
                    line: row_line,
                    message: format!(
                        "the row has {} cells, the table header {}",
                        c.len(),
                        header.len()
                    ),
                });
            }
            rows.push(RawRow {
                line: row_line,
                cells: c,
            });
            i += 1;
        }
        blocks.push(Block::Table { line, header, rows });
    }
    Ok(blocks)
}
