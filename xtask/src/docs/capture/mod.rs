//! The three ways a reference page arrives as text, each read into the same [`Block`] stream:
//!
//! - [`plain`]: one cell per line, blank lines between (a copy of the rendered page). Table titles
//!   (`Table 4 Request body parameters`) and bullet lists (`• host: server asset`) survive.
//! - [`rows`]: every cell ends with ` |`, a header row is followed by `---|---|`. Table titles and
//!   bullet lists are lost; a cell whose list was dropped ends on a line of its own (`|`).
//! - [`markdown`]: `| a | b |` rows. Table titles and bullet lists are lost.

pub mod markdown;
pub mod plain;
pub mod rows;

/// A capture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capture {
    /// One cell per line.
    Plain,
    /// `|`-terminated cells.
    Rows,
    /// Markdown tables.
    Markdown,
}

impl Capture {
    /// Whether the format drops bullet lists (lists of values): a missing list means nothing.
    pub fn drops_lists(self) -> bool {
        !matches!(self, Capture::Plain)
    }

    /// The name used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Capture::Plain => "plain lines",
            Capture::Rows => "|-terminated rows",
            Capture::Markdown => "Markdown tables",
        }
    }

    /// Recognises the format from the page's table header rows.
    pub fn detect(text: &str) -> Capture {
        for line in text.lines() {
            let t = line.trim();
            if t.starts_with('|') && t.ends_with('|') && t.len() > 1 {
                let first = t.trim_matches('|').split('|').next().unwrap_or("").trim();
                if is_header_word(first, Column::Parameter) {
                    return Capture::Markdown;
                }
            }
            if let Some(cell) = t.strip_suffix('|') {
                if is_header_word(cell.trim(), Column::Parameter) {
                    return Capture::Rows;
                }
            }
        }
        Capture::Plain
    }
}

/// One element of a page, in page order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A line of running text (headings, prose, example lines), trimmed.
    Text {
        /// 1-based line number.
        line: usize,
        /// The text.
        text: String,
    },
    /// A table: its header cells and its rows.
    Table {
        /// Line of the header.
        line: usize,
        /// Header cells (`Parameter`, `Mandatory`, `Type`, `Description`).
        header: Vec<String>,
        /// The rows.
        rows: Vec<RawRow>,
    },
}

/// A table row as read: its cells, with line breaks kept inside a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// Line of the row's first cell.
    pub line: usize,
    /// The cells.
    pub cells: Vec<String>,
}

/// An unreadable page: the line and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Column kinds of a parameter table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// `Parameter`.
    Parameter,
    /// `Mandatory`.
    Mandatory,
    /// `Type`.
    Type,
    /// `Description`.
    Description,
    /// `Status Code`.
    StatusCode,
}

/// Whether a header cell names the column (English pages, and the vendor's Chinese pages).
pub fn is_header_word(cell: &str, column: Column) -> bool {
    let words: &[&str] = match column {
        Column::Parameter => &["Parameter", "参数", "名称"],
        Column::Mandatory => &["Mandatory", "是否必选"],
        Column::Type => &["Type", "参数类型", "类型"],
        Column::Description => &["Description", "描述", "说明"],
        Column::StatusCode => &["Status Code", "状态码"],
    };
    words.contains(&cell.trim())
}

/// Whether a header row opens a table this tool reads (a parameter or a status code table).
pub fn is_table_header(first_cell: &str) -> bool {
    is_header_word(first_cell, Column::Parameter) || is_header_word(first_cell, Column::StatusCode)
}
