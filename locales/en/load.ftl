# load.ftl: the messages of reading the campaign folder: files, YAML syntax, unknown keys.
# Ids start with `load-`; the French file locales/fr/load.ftl has the same ids and variables.

## Reading a file.
# $error: the system's own message.
load-read-failed = cannot read the file: { $error }
load-too-large = the file has { $size } KiB, more than the { $max } KiB a member file may have
    .hint = a member file holds a few dozen lines; is this the right file?
load-not-utf8 = the file is not UTF-8 text
    .hint = save it as UTF-8 from your editor (it may be Latin-1 or Windows-1252)
load-empty = the file is empty
    .hint = a member file starts with `collectivite:`; see the README for a full example

## YAML problems in plain words. $subject: a key in backticks, or load-this-value.
load-this-value = this value
load-unknown-key-near = unknown key `{ $key }`
    .hint = did you mean `{ $suggestion }`?
# $keys: the keys allowed here, each in backticks, separated by commas.
load-unknown-key = unknown key `{ $key }`
    .hint = the keys here are { $keys }
load-missing-key = `{ $parent }` has no `{ $key }`
    .hint = add `{ $key }:` under `{ $parent }:`
load-missing-key-top = the file has no `{ $key }`
    .hint = add `{ $key }:` at the top level
load-not-number = { $subject } must be a whole number
    .hint = write digits only, e.g. `120`
load-not-number-value = { $subject } must be a whole number, not `{ $value }`
    .hint = write digits only, e.g. `120`
load-duplicate-key = key `{ $key }` is written twice in the same map
    .hint = keep one of them
load-top-not-map = the file must be a map of keys, not a list
    .hint = a member file starts with `collectivite:`; see the README for a full example
load-not-map = { $subject } must be a map of keys
    .hint = put the keys on the next lines, indented
load-not-list = { $subject } must be a list
    .hint = write each item on its own line, starting with `- `
load-not-text = { $subject } must be a text, not a list or a map
load-tab = a tab is used for indentation
    .hint = YAML indents with spaces only: replace the tab by spaces
load-too-many-aliases = the file uses too many YAML aliases (`*name`): is it a "billion laughs" bomb?
    .hint = a member file holds a few dozen plain lines
load-too-deep = the file is nested too deeply
    .hint = a member file holds a few dozen plain lines
# $what: the YAML library's name of the limit (`Events`, `Nodes`).
load-too-complex = the file is too large or too complex for a member file ({ $what })
    .hint = a member file holds a few dozen plain lines
load-yaml-invalid = invalid YAML
# $message: the YAML library's own message, when we have no explanation of ours (in English).
load-yaml-raw = { $message }
load-date-invalid = `{ $text }` is not a date: write it as YYYY-MM-DD, e.g. 2021-12-16

## Member files and the campaign folder.
load-id-unsafe = `{ $id }` cannot be a member id
    .hint = name the file with letters, digits, `-`, `_` and `.` only, e.g. `{ $example }.yaml`
load-id-reserved = `{ $id }` is reserved for the blank forms; rename the file
load-not-yaml = not a YAML file: ignored
    .hint = member files end in `.yaml` or `.yml`
load-symlink-loop = a symbolic link loops back to a parent folder: not followed
# $error: the system's own message.
load-folder-unreadable = cannot read: { $error }
load-duplicate-id = member id `{ $id }` is used by another file too: `{ $other }`
    .hint = ids are file names and must be unique across `members/` and its sub-folders
