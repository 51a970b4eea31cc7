# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_llamacloud_global_optspecs
    string join \n api-key= base-url= profile= region= format= json jq= r/raw-output o/output= color= timeout= max-retries= allow-insecure-http debug ca-file= fail-on-partial= h/help V/version
end

function __fish_llamacloud_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_llamacloud_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_llamacloud_using_subcommand
    set -l cmd (__fish_llamacloud_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c llamacloud -n "__fish_llamacloud_needs_command" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_needs_command" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -s V -l version -d 'Print version'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "parse" -d 'Parse documents: one is printed as markdown (parsing create --wait --format markdown, with the profile\'s tier); several, --recursive or --from-list go into --output-dir, resumably. A local FILE is uploaded, an http(s) URL is fetched by the API'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "parsing" -d 'Parse jobs'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "batches" -d 'Batches (v2)'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "batch-processing" -d 'Batch-processing jobs (v1 beta; retired by newer API versions, see `batches`)'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "cache" -d 'The result store: what was parsed, so it is never paid for twice'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "config" -d 'The config file and its profiles'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "auth" -d 'The API key in use'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish), or install it where that shell loads it for this user (--install)'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "man" -d 'Print the program\'s man page (roff), or install every command\'s man page (--install)'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "generate-docs" -d 'Write the completion scripts, man pages and command reference under DIR'
complete -c llamacloud -n "__fish_llamacloud_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l filename -d 'The name a document read from stdin (-) is uploaded as; its extension tells the API its type' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l output-dir -d 'Write each result to DIR/<its path>.md (.txt for text, .json for --format json), and keep DIR/.llamacloud-manifest.jsonl so that a second run resumes instead of starting over' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l recursive -d 'Parse every file under DIR (repeatable); results keep their path relative to DIR' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l include -d 'With --recursive: only files whose path relative to DIR matches GLOB (repeatable; **/*.pdf)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l exclude -d 'With --recursive: leave out files whose relative path matches GLOB (repeatable)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l from-list -d 'Also parse the paths or URLs listed in FILE, one a line (- for stdin; # comments)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l concurrency -d 'Uploads in flight at once (fewer while the API answers 429)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l max-in-flight -d 'Jobs in flight at once: created and not yet ended' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l shard -d 'Parse only this share of the documents: K of N (1/3, 2/3, 3/3), chosen by content, so N machines given the same tree each pay for their share only' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l store -d 'A result store shared by machines, behind the local one: s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///PATH (credentials from each cloud\'s environment) [default: $LLAMACLOUD_STORE, else the profile\'s store]' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l store-unreachable -d 'When the shared store cannot be reached: stop creating jobs (a machine that cannot see the others\' claims could pay for a job another is paying for), or go on with the local store alone' -r -f -a "stop\t'Stop creating jobs (exit 1)'
local\t'Go on with the local store alone (said in the summary)'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l tier -d 'fast (text only), cost_effective, agentic or agentic_plus; others are sent as given [default: the profile\'s tier (config set tier), else required]' -r -f -a "fast\t''
cost_effective\t''
agentic\t''
agentic_plus\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l version -d 'The tier\'s version: latest, or a dated one (see parsing versions) [default: latest]' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l configuration-id -d 'A saved parse configuration to use (then --tier is optional)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l target-pages -d 'Only these pages, numbered from 1, e.g. "1,3,5-8" (page_ranges.target_pages)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l max-pages -d 'Parse at most this many pages (page_ranges.max_pages)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l metadata -d 'A tag for the job, KEY=VALUE (repeatable; user_metadata), to find it again' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l client-name -d 'Who made the job (client_name) [default: llamacloud-cli/VERSION]' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l webhook-configuration-id -d 'A webhook configuration to notify (repeatable, at most 4)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l options -d 'Any other part of the request configuration, as a JSON object in FILE (- for stdin); the flags above win over it; a key the v2 configuration does not take is refused before anything is sent' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l wait-timeout -d 'Give up waiting after this long (for each document): 90s, 30m, 2h, or seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l window-pages -d 'Parse a document of more than N pages as consecutive windows of N pages, side by side, stitched back into one (a PDF\'s pages are counted here; another document is windowed once the API refuses it as too long); 0: one job per document' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l save -d 'Keep beside each document what its parse produces (repeatable, or comma-separated): images, screenshots, items, json, tables, pages; in <output>.assets/ (images, screenshots and tables are asked of the API: a new job for a document parsed without them)' -r -f -a "images\t'The document\'s embedded images and cropped figures (`images_to_save`: embedded, layout)'
screenshots\t'One rendering of each page (`images_to_save`: screenshot)'
items\t'The structured pages (`expand=items`), one JSON file'
json\t'The whole result as the API gives it, one JSON file'
tables\t'The tables as one spreadsheet (`tables_as_spreadsheet`)'
pages\t'One file per page'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l max-credits -d 'Start no job that could take the credits billed in this run past N (each job reserves its pages × its tier\'s credits a page before it is created); what is left is said, exit 8 [default: the profile\'s max_credits (config set max_credits), else no limit]' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l assume-pages -d 'The pages a document whose page count is not known here is reserved for (corrected once its job is billed)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l escalate -d 'Parse again on TIER only the pages that came back failed or empty, one job a document over those pages, and put them in place of the first ones' -r -f -a "fast\t''
cost_effective\t''
agentic\t''
agentic_plus\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -s L -l follow -d 'With --recursive: follow symbolic links (loops are detected and skipped)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l force -d 'Parse again, even when the result store or the output directory has the result'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l no-cache -d 'Neither read nor write the result store: every document is parsed (and paid for)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l dry-run -d 'Send nothing: say for each document whether it would be parsed (paid for), is done, is in the result store or is skipped (and why), with its size and the pages that would be parsed, then a total'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l disable-cache -d 'Parse again even if the API has a cached result for this document'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l allow-unknown-options -d 'Send keys of --options this version does not know (options newer than it)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l cancel-on-timeout -d 'Cancel a job that has not ended by --wait-timeout (else it runs on, and the next run waits for it)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l page-markers -d 'Put a line `<!-- page N -->` before each page of the document (N: its page in the original; with extract_printed_page_number, also its printed label)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parse" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -f -a "list" -d 'List parse jobs, following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -f -a "get" -d 'Show one parse job, optionally with its parsed content'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -f -a "create" -d 'Start a parse job for a local file (uploaded), a URL or an uploaded file\'s id, and print it; with --wait, wait for it and print the result'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -f -a "download" -d 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -f -a "versions" -d 'Show the parsing tiers, the latest version of each and their dated versions'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -f -a "cancel" -d 'Cancel parse jobs that have not ended'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -f -a "delete" -d 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and not __fish_seen_subcommand_from list get create download versions cancel delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l status -d 'Only jobs with this status' -r -f -a "PENDING\t''
RUNNING\t''
COMPLETED\t''
FAILED\t''
CANCELLED\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l created-at-on-or-after -l since -d 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l created-at-on-or-before -l until -d 'Only items created at or before TIME (same forms as --since)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l job-id -d 'Only these job ids (repeatable, or comma-separated; sent as job_ids)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l page-size -d 'Items per request' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l page-token -d 'Start from this page token (as printed when a listing stopped early)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l max-items -d 'Stop after N items (-1: no limit); the resume point is then printed' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l job-id -d 'The parse job id, as a flag (same as the positional argument)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l expand -d 'Parts to include (repeatable, or comma-separated): text, markdown, items, metadata, job_metadata, forms, usage (credits), markdown_full, text_full (the whole document as one string), and result-file links: markdown_content_metadata, markdown_full_content_metadata, text_content_metadata, text_full_content_metadata, items_content_metadata, metadata_content_metadata, forms_content_metadata, images_content_metadata, xlsx_content_metadata, output_pdf_content_metadata, raw_words_content_metadata, stripped_markdown_content_metadata, concatenated_stripped_markdown_content_metadata. Values not listed are sent as given' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l image-filenames -d 'Only these image files, as one comma-separated string (e.g. image_0.png,image_1.jpg)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l images -d 'Also save the job\'s extracted images (those of --image-filenames, or all) into DIR' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l wait-timeout -d 'Give up waiting after this long, a request in flight included: 90s, 30m, 2h, or seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l wait -d 'Wait until the job is COMPLETED, FAILED or CANCELLED, then print it, or its document with --format markdown|text (exit 6 unless COMPLETED)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l cancel-on-timeout -d 'Cancel the job when it has not ended by --wait-timeout'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l source-url -d 'Parse the document at this http(s) URL instead (the API fetches it)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l file-id -d 'Parse a file already uploaded to LlamaCloud, by its id' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l output-dir -d 'Write each result to DIR/<its path>.md (.txt for text, .json for --format json), and keep DIR/.llamacloud-manifest.jsonl so that a second run resumes instead of starting over' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l recursive -d 'Parse every file under DIR (repeatable); results keep their path relative to DIR' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l include -d 'With --recursive: only files whose path relative to DIR matches GLOB (repeatable; **/*.pdf)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l exclude -d 'With --recursive: leave out files whose relative path matches GLOB (repeatable)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l from-list -d 'Also parse the paths or URLs listed in FILE, one a line (- for stdin; # comments)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l concurrency -d 'Uploads in flight at once (fewer while the API answers 429)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l max-in-flight -d 'Jobs in flight at once: created and not yet ended' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l shard -d 'Parse only this share of the documents: K of N (1/3, 2/3, 3/3), chosen by content, so N machines given the same tree each pay for their share only' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l store -d 'A result store shared by machines, behind the local one: s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///PATH (credentials from each cloud\'s environment) [default: $LLAMACLOUD_STORE, else the profile\'s store]' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l store-unreachable -d 'When the shared store cannot be reached: stop creating jobs (a machine that cannot see the others\' claims could pay for a job another is paying for), or go on with the local store alone' -r -f -a "stop\t'Stop creating jobs (exit 1)'
local\t'Go on with the local store alone (said in the summary)'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l tier -d 'fast (text only), cost_effective, agentic or agentic_plus; others are sent as given [default: the profile\'s tier (config set tier), else required]' -r -f -a "fast\t''
cost_effective\t''
agentic\t''
agentic_plus\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l version -d 'The tier\'s version: latest, or a dated one (see parsing versions) [default: latest]' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l configuration-id -d 'A saved parse configuration to use (then --tier is optional)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l target-pages -d 'Only these pages, numbered from 1, e.g. "1,3,5-8" (page_ranges.target_pages)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l max-pages -d 'Parse at most this many pages (page_ranges.max_pages)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l metadata -d 'A tag for the job, KEY=VALUE (repeatable; user_metadata), to find it again' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l client-name -d 'Who made the job (client_name) [default: llamacloud-cli/VERSION]' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l webhook-configuration-id -d 'A webhook configuration to notify (repeatable, at most 4)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l options -d 'Any other part of the request configuration, as a JSON object in FILE (- for stdin); the flags above win over it; a key the v2 configuration does not take is refused before anything is sent' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l wait-timeout -d 'Give up waiting after this long, a request in flight included: 90s, 30m, 2h, or seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -s L -l follow -d 'With --recursive: follow symbolic links (loops are detected and skipped)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l force -d 'Parse again, even when the result store or the output directory has the result'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l no-cache -d 'Neither read nor write the result store: every document is parsed (and paid for)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l dry-run -d 'Send nothing: say for each document whether it would be parsed (paid for), is done, is in the result store or is skipped (and why), with its size and the pages that would be parsed, then a total'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l disable-cache -d 'Parse again even if the API has a cached result for this document'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l allow-unknown-options -d 'Send keys of --options this version does not know (options newer than it)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only the new job\'s id'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l wait -d 'Wait until the job is COMPLETED, FAILED or CANCELLED, then print it, or its document with --format markdown|text (exit 6 unless COMPLETED)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l cancel-on-timeout -d 'Cancel the job when it has not ended by --wait-timeout'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from download" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from versions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Delete without asking (needed when not on a terminal)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from help" -f -a "list" -d 'List parse jobs, following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one parse job, optionally with its parsed content'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from help" -f -a "create" -d 'Start a parse job for a local file (uploaded), a URL or an uploaded file\'s id, and print it; with --wait, wait for it and print the result'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from help" -f -a "download" -d 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from help" -f -a "versions" -d 'Show the parsing tiers, the latest version of each and their dated versions'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel parse jobs that have not ended'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand parsing; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -f -a "list" -d 'List batches, following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -f -a "get" -d 'Show one batch, optionally with the parse job of each of its files'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -f -a "cancel" -d 'Cancel a batch that has not ended'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and not __fish_seen_subcommand_from list get cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l status -d 'Only batches with this status' -r -f -a "PENDING\t''
THROTTLED\t''
RUNNING\t''
COMPLETED\t''
FAILED\t''
CANCELLED\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l source-directory-id -d 'Only batches of this source directory' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l created-at-on-or-after -l since -d 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l created-at-on-or-before -l until -d 'Only items created at or before TIME (same forms as --since)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l page-size -d 'Items per request' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l page-token -d 'Start from this page token (as printed when a listing stopped early)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l max-items -d 'Stop after N items (-1: no limit); the resume point is then printed' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l expand -d 'Parts to include: results (the job of each file; repeatable, or comma-separated)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from help" -f -a "list" -d 'List batches, following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one batch, optionally with the parse job of each of its files'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a batch that has not ended'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batches; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List batch-processing jobs (offset paging), following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l directory-id -d 'Only jobs of this directory' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l job-type -d 'Only jobs of this type' -r -f -a "parse\t''
extract\t''
classify\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l status -d 'Only jobs with this status' -r -f -a "pending\t''
running\t''
dispatched\t''
completed\t''
failed\t''
cancelled\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l limit -d 'Items per request (1-1000; sent as limit)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l offset -d 'Number of jobs to skip before the first one shown' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l project-id -d 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l organization-id -d 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l max-items -d 'Stop after N items (-1: no limit); the resume point is then printed' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from help" -f -a "list" -d 'List batch-processing jobs (offset paging), following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand batch-processing; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -f -a "path" -d 'Print where the result store is (with --store, the shared store\'s URL)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -f -a "list" -d 'List the results in the store: key, job, status, result files, when last used'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -f -a "prune" -d 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -f -a "clear" -d 'Forget every result (asks first on a terminal; needs --yes otherwise)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and not __fish_seen_subcommand_from path list prune clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l store -d 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile\'s store' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l store -d 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile\'s store' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l older-than -d '30d, 12h, 90m, or seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l store -d 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile\'s store' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l store -d 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile\'s store' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -s y -l yes -d 'Clear without asking'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print where the result store is (with --store, the shared store\'s URL)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the results in the store: key, job, status, result files, when last used'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Forget every result (asks first on a terminal; needs --yes otherwise)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -f -a "set" -d 'Set a profile\'s setting; the API key is read from stdin or a hidden prompt, never from the command line'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -f -a "unset" -d 'Remove a setting from a profile (the one in use, as for set)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -f -a "get" -d 'Print a setting of the profile in use (the API key masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -f -a "list" -d 'Print every profile and its settings (API keys masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -f -a "path" -d 'Print where the config file is'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -f -a "use" -d 'Make PROFILE the default'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and not __fish_seen_subcommand_from set unset get list path use help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set a profile\'s setting; the API key is read from stdin or a hidden prompt, never from the command line'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Remove a setting from a profile (the one in use, as for set)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print a setting of the profile in use (the API key masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'Print every profile and its settings (API keys masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print where the config file is'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make PROFILE the default'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "status" -d 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l install -d 'Write the script where the shell loads completions for this user (directories made as needed) and say what to add to its start-up file, if anything'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l force -d 'With --install: replace a file there that llamacloud did not write'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l dir -d 'With --install: the directory to write them to' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l install -d 'Write the man pages to DIR (default: ${XDG_DATA_HOME:-~/.local/share}/man/man1) and say whether `man llamacloud` finds them'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l api-key -d 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l base-url -d 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region\'s URL)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l profile -d 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file\'s default_profile)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l region -d 'API region (default: $LLAMA_CLOUD_REGION, else us)' -r -f -a "us\t''
eu\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l format -d 'Output format [default: auto = table on a terminal, tsv otherwise]' -r -f -a "auto\t'table on a terminal, tsv otherwise'
table\t'aligned columns for people (also: pretty, as llp calls it)'
tsv\t'one tab-separated line per item, no header'
json\t'one JSON document (the API\'s page shape, with every item)'
jsonl\t'one compact JSON object per line'
yaml\t'the same document as json, in YAML'
raw\t'the server\'s bytes for one request, unchanged'
markdown\t'parsing get: the document\'s markdown'
text\t'parsing get: the document\'s plain text'"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l jq -d 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -s o -l output -d 'Write the output to FILE instead of stdout (atomically: complete or not at all)' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l color -d 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l timeout -d 'Timeout for each HTTP request, in seconds' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l max-retries -d 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff' -r
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l ca-file -d 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system\'s roots and SSL_CERT_FILE are trusted as well [default: the profile\'s ca_file]' -r -F
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l fail-on-partial -d 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way' -r -f -a "always\t''
never\t''"
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l json -d 'Shorthand for --format json'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -s r -l raw-output -d 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l allow-insecure-http -d 'Allow sending the API key over plain http:// to a host that is not loopback'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -l debug -d 'Log each HTTP request and response to stderr (the API key is masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand generate-docs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "parse" -d 'Parse documents: one is printed as markdown (parsing create --wait --format markdown, with the profile\'s tier); several, --recursive or --from-list go into --output-dir, resumably. A local FILE is uploaded, an http(s) URL is fetched by the API'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "parsing" -d 'Parse jobs'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "batches" -d 'Batches (v2)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "batch-processing" -d 'Batch-processing jobs (v1 beta; retired by newer API versions, see `batches`)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "cache" -d 'The result store: what was parsed, so it is never paid for twice'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "config" -d 'The config file and its profiles'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "auth" -d 'The API key in use'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish), or install it where that shell loads it for this user (--install)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "man" -d 'Print the program\'s man page (roff), or install every command\'s man page (--install)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "generate-docs" -d 'Write the completion scripts, man pages and command reference under DIR'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and not __fish_seen_subcommand_from parse parsing batches batch-processing cache config auth completions man generate-docs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from parsing" -f -a "list" -d 'List parse jobs, following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from parsing" -f -a "get" -d 'Show one parse job, optionally with its parsed content'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from parsing" -f -a "create" -d 'Start a parse job for a local file (uploaded), a URL or an uploaded file\'s id, and print it; with --wait, wait for it and print the result'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from parsing" -f -a "download" -d 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from parsing" -f -a "versions" -d 'Show the parsing tiers, the latest version of each and their dated versions'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from parsing" -f -a "cancel" -d 'Cancel parse jobs that have not ended'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from parsing" -f -a "delete" -d 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from batches" -f -a "list" -d 'List batches, following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from batches" -f -a "get" -d 'Show one batch, optionally with the parse job of each of its files'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from batches" -f -a "cancel" -d 'Cancel a batch that has not ended'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from batch-processing" -f -a "list" -d 'List batch-processing jobs (offset paging), following every page unless --max-items is given'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "path" -d 'Print where the result store is (with --store, the shared store\'s URL)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "list" -d 'List the results in the store: key, job, status, result files, when last used'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "prune" -d 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Forget every result (asks first on a terminal; needs --yes otherwise)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set a profile\'s setting; the API key is read from stdin or a hidden prompt, never from the command line'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Remove a setting from a profile (the one in use, as for set)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print a setting of the profile in use (the API key masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'Print every profile and its settings (API keys masked)'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print where the config file is'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "use" -d 'Make PROFILE the default'
complete -c llamacloud -n "__fish_llamacloud_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request'
