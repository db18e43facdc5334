//! One member, from its text to its PDFs, in memory.
