//! Plain-lines captures: every cell on a line of its own, blank lines between.
//!
//! ```text
//! Table 4 Request body parameters
//! Parameter
//! Mandatory
//! Type
//! Description
//! host_ids
//! No
//! Array of strings
//! Definition
//! List of servers that deliver tasks.
//! ...
//! ```
//!
//! A row starts where a name line is followed by a Mandatory line (`Yes`/`No`) and a type line
//! (`String`, `Array of strings`, `xxx object`, ...), or, in a table without a Mandatory column
//! (responses), directly by a type line. The description runs until the next row or a heading.

use super::{is_header_word, Block, Column, RawRow, ReadError};
use crate::docs::page::{is_heading, is_name, is_type_text, parse_mandatory};

/// Reads a plain-lines page.
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
        let Some((columns, header_len)) = header_at(&lines, i) else {
            blocks.push(Block::Text {
                line: lines[i].0,
                text: lines[i].1.to_string(),
            });
            i += 1;
            continue;
        };
        let header: Vec<String> = lines[i..i + header_len]
            .iter()
            .map(|(_, l)| l.to_string())
            .collect();
        let line = lines[i].0;
        i += header_len;
        let mut rows = Vec::new();
        while i < lines.len() && !is_heading(lines[i].1) && header_at(&lines, i).is_none() {
            if !row_start(&lines, i, columns)? {
                return Err(ReadError {
                    line: lines[i].0,
                    message: format!(
                        "expected a table row ({}), found {:?}",
                        if columns == 4 {
                            "a name, then Yes or No, then a type"
                        } else {
                            "a name, then a type"
                        },
                        lines[i].1
                    ),
                });
            }
            let fixed = columns - 1;
            let mut cells: Vec<String> = lines[i..i + fixed]
                .iter()
                .map(|(_, l)| l.to_string())
                .collect();
            let row_line = lines[i].0;
            let mut j = i + fixed;
            let mut description = Vec::new();
            while j < lines.len()
                && !is_heading(lines[j].1)
                && header_at(&lines, j).is_none()
                && !row_start(&lines, j, columns).unwrap_or(true)
            {
                description.push(lines[j].1);
                j += 1;
            }
            cells.push(description.join("\n"));
            rows.push(RawRow {
                line: row_line,
                cells,
            });
            i = j;
        }
        blocks.push(Block::Table { line, header, rows });
    }
    Ok(blocks)
}

/// A parameter table header at `i`: `Parameter` / `Mandatory` / `Type` / `Description` (four
/// columns) or without `Mandatory` (three). Returns (columns, lines used).
fn header_at(lines: &[(usize, &str)], i: usize) -> Option<(usize, usize)> {
    let at = |k: usize, c: Column| lines.get(i + k).is_some_and(|(_, l)| is_header_word(l, c));
    if !at(0, Column::Parameter) {
        return None;
    }
    if at(1, Column::Mandatory) && at(2, Column::Type) && at(3, Column::Description) {
        Some((4, 4))
    } else if at(1, Column::Type) && at(2, Column::Description) {
        Some((3, 3))
    } else {
        None
    }
}

/// Whether a row starts at `i`. A name followed by a type but with something other than Yes/No in
/// the Mandatory place is an error, not a description line.
fn row_start(lines: &[(usize, &str)], i: usize, columns: usize) -> Result<bool, ReadError> {
    let get = |k: usize| lines.get(i + k).map(|(_, l)| *l);
    let Some(name) = get(0) else {
        return Ok(false);
    };
    if !is_name(name) {
        return Ok(false);
    }
    if columns == 3 {
        return Ok(get(1).is_some_and(is_type_text));
    }
    match (get(1), get(2)) {
        (Some(m), Some(t)) if is_type_text(t) => {
            if parse_mandatory(m).is_some() {
                Ok(true)
            } else if is_name(m)
                && m.len() <= 12
                && m.chars().next().is_some_and(char::is_uppercase)
            {
                Err(ReadError {
                    line: lines[i + 1].0,
                    message: format!(
                        "the Mandatory column of row {name:?} must be Yes or No, found {m:?}"
                    ),
                })
            } else {
                Ok(false)
            }
        }
        _ => Ok(false),
    }
}
