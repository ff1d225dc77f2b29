//! `|`-terminated captures: every cell ends with ` |`; a cell may run over several lines (a
//! dropped bullet list leaves a cell ending on a line of its own, `|`).
//!
//! ```text
//! Parameter |
//! Mandatory |
//! Type |
//! Description |
//! ---|---|---|---|
//! task_type |
//! Yes |
//! String |
//! Task type. The options are as follows:
//! |
//! ```

use super::{is_table_header, Block, RawRow, ReadError};

fn is_separator(line: &str) -> bool {
    line.contains("---") && line.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
}

/// Reads a `|`-terminated page.
pub fn read(text: &str) -> Result<Vec<Block>, ReadError> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let cell_of = |l: &str| l.strip_suffix('|').map(|c| c.trim().to_string());
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (line, text) = lines[i];
        let opens = cell_of(text).is_some_and(|c| is_table_header(&c));
        if !opens {
            blocks.push(Block::Text {
                line,
                text: text.to_string(),
            });
            i += 1;
            continue;
        }
        // Header cells up to the separator line.
        let mut header = Vec::new();
        while i < lines.len() && !is_separator(lines[i].1) {
            match cell_of(lines[i].1) {
                Some(c) => header.push(c),
                None => {
                    return Err(ReadError {
                        line: lines[i].0,
                        message: format!(
                            "table header cell without a closing `|`: {:?}",
                            lines[i].1
                        ),
                    })
                }
            }
            i += 1;
        }
        if i == lines.len() {
            return Err(ReadError {
                line,
                message: "table header without a `---|---|` separator line".into(),
            });
        }
        let columns = lines[i].1.matches('|').count().max(1);
        if columns != header.len() {
            return Err(ReadError {
                line: lines[i].0,
                message: format!(
                    "the separator has {columns} columns but the header has {}",
                    header.len()
                ),
            });
        }
        i += 1;
        let mut rows = Vec::new();
        // At a row boundary: a line that does not end a cell, or a new header, ends the table.
        while let Some(&(row_line, first)) = lines.get(i) {
            if cell_of(first).map_or(true, |c| is_table_header(&c)) {
                break;
            }
            let mut cells = Vec::new();
            while cells.len() < columns {
                let mut parts = Vec::new();
                loop {
                    let Some(&(_, l)) = lines.get(i) else {
                        return Err(ReadError {
                            line: row_line,
                            message: format!(
                                "the table row starting here ends before its {} cells",
                                columns
                            ),
                        });
                    };
                    i += 1;
                    if let Some(c) = cell_of(l) {
                        if !c.is_empty() {
                            parts.push(c);
                        }
                        break;
                    }
                    parts.push(l.to_string());
                }
                cells.push(parts.join("\n"));
            }
            rows.push(RawRow {
                line: row_line,
                cells,
            });
        }
        blocks.push(Block::Table { line, header, rows });
    }
    Ok(blocks)
}
