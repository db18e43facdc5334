# build.ftl: the messages of building a batch: progress, skipped members, failures, the print file.
# Ids start with `build-`; the French file locales/fr/build.ftl has the same ids and variables.

build-threads = cannot start { $jobs } worker threads: { $error }

## An internal error (a panic) while a member was worked on.
build-internal-error = an internal error occurred: `{ $message }`
    .hint = this is a bug in adhesion, not in this file: please report it with this message
build-internal-error-at = an internal error occurred: `{ $message }` at `{ $location }`
    .hint = this is a bug in adhesion, not in this file: please report it with this message
build-internal-no-message = no message

## The print file.
build-print-too-many = { $count } documents are more than one print file can hold ({ $max })
    .hint = build the print file per department with `--root` on a smaller campaign
build-print-cannot-read = cannot read `{ $file }`: { $error }
build-print-no-file-id = no file id left

## Writing the output.
build-write-not-a-folder = it is a file, not a folder
