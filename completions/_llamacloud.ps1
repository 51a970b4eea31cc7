
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'llamacloud' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'llamacloud'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'llamacloud' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('parse', 'parse', [CompletionResultType]::ParameterValue, 'Parse documents: one is printed as markdown (parsing create --wait --format markdown, with the profile''s tier); several, --recursive or --from-list go into --output-dir, resumably. A local FILE is uploaded, an http(s) URL is fetched by the API')
            [CompletionResult]::new('parsing', 'parsing', [CompletionResultType]::ParameterValue, 'Parse jobs')
            [CompletionResult]::new('batches', 'batches', [CompletionResultType]::ParameterValue, 'Batches (v2)')
            [CompletionResult]::new('batch-processing', 'batch-processing', [CompletionResultType]::ParameterValue, 'Batch-processing jobs (v1 beta; retired by newer API versions, see `batches`)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The result store: what was parsed, so it is never paid for twice')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The config file and its profiles')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'The API key in use')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish), or install it where that shell loads it for this user (--install)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the program''s man page (roff), or install every command''s man page (--install)')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write the completion scripts, man pages and command reference under DIR')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;parse' {
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'The name a document read from stdin (-) is uploaded as; its extension tells the API its type')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Write each result to DIR/<its path>.md (.txt for text, .json for --format json), and keep DIR/.llamacloud-manifest.jsonl so that a second run resumes instead of starting over')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Parse every file under DIR (repeatable); results keep their path relative to DIR')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'With --recursive: only files whose path relative to DIR matches GLOB (repeatable; **/*.pdf)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'With --recursive: leave out files whose relative path matches GLOB (repeatable)')
            [CompletionResult]::new('--from-list', '--from-list', [CompletionResultType]::ParameterName, 'Also parse the paths or URLs listed in FILE, one a line (- for stdin; # comments)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Uploads in flight at once (fewer while the API answers 429)')
            [CompletionResult]::new('--max-in-flight', '--max-in-flight', [CompletionResultType]::ParameterName, 'Jobs in flight at once: created and not yet ended')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Parse only this share of the documents: K of N (1/3, 2/3, 3/3), chosen by content, so N machines given the same tree each pay for their share only')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'A result store shared by machines, behind the local one: s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///PATH (credentials from each cloud''s environment) [default: $LLAMACLOUD_STORE, else the profile''s store]')
            [CompletionResult]::new('--store-unreachable', '--store-unreachable', [CompletionResultType]::ParameterName, 'When the shared store cannot be reached: stop creating jobs (a machine that cannot see the others'' claims could pay for a job another is paying for), or go on with the local store alone')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'fast (text only), cost_effective, agentic or agentic_plus; others are sent as given [default: the profile''s tier (config set tier), else required]')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'The tier''s version: latest, or a dated one (see parsing versions) [default: latest]')
            [CompletionResult]::new('--configuration-id', '--configuration-id', [CompletionResultType]::ParameterName, 'A saved parse configuration to use (then --tier is optional)')
            [CompletionResult]::new('--target-pages', '--target-pages', [CompletionResultType]::ParameterName, 'Only these pages, numbered from 1, e.g. "1,3,5-8" (page_ranges.target_pages)')
            [CompletionResult]::new('--max-pages', '--max-pages', [CompletionResultType]::ParameterName, 'Parse at most this many pages (page_ranges.max_pages)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'A tag for the job, KEY=VALUE (repeatable; user_metadata), to find it again')
            [CompletionResult]::new('--client-name', '--client-name', [CompletionResultType]::ParameterName, 'Who made the job (client_name) [default: llamacloud-cli/VERSION]')
            [CompletionResult]::new('--webhook-configuration-id', '--webhook-configuration-id', [CompletionResultType]::ParameterName, 'A webhook configuration to notify (repeatable, at most 4)')
            [CompletionResult]::new('--options', '--options', [CompletionResultType]::ParameterName, 'Any other part of the request configuration, as a JSON object in FILE (- for stdin); the flags above win over it; a key the v2 configuration does not take is refused before anything is sent')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Give up waiting after this long (for each document): 90s, 30m, 2h, or seconds')
            [CompletionResult]::new('--window-pages', '--window-pages', [CompletionResultType]::ParameterName, 'Parse a document of more than N pages as consecutive windows of N pages, side by side, stitched back into one (a PDF''s pages are counted here; another document is windowed once the API refuses it as too long); 0: one job per document')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep beside each document what its parse produces (repeatable, or comma-separated): images, screenshots, items, json, tables, pages; in <output>.assets/ (images, screenshots and tables are asked of the API: a new job for a document parsed without them)')
            [CompletionResult]::new('--max-credits', '--max-credits', [CompletionResultType]::ParameterName, 'Start no job that could take the credits billed in this run past N (each job reserves its pages × its tier''s credits a page before it is created); what is left is said, exit 8 [default: the profile''s max_credits (config set max_credits), else no limit]')
            [CompletionResult]::new('--assume-pages', '--assume-pages', [CompletionResultType]::ParameterName, 'The pages a document whose page count is not known here is reserved for (corrected once its job is billed)')
            [CompletionResult]::new('--escalate', '--escalate', [CompletionResultType]::ParameterName, 'Parse again on TIER only the pages that came back failed or empty, one job a document over those pages, and put them in place of the first ones')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'With --recursive: follow symbolic links (loops are detected and skipped)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'With --recursive: follow symbolic links (loops are detected and skipped)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Parse again, even when the result store or the output directory has the result')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the result store: every document is parsed (and paid for)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Send nothing: say for each document whether it would be parsed (paid for), is done, is in the result store or is skipped (and why), with its size and the pages that would be parsed, then a total')
            [CompletionResult]::new('--disable-cache', '--disable-cache', [CompletionResultType]::ParameterName, 'Parse again even if the API has a cached result for this document')
            [CompletionResult]::new('--allow-unknown-options', '--allow-unknown-options', [CompletionResultType]::ParameterName, 'Send keys of --options this version does not know (options newer than it)')
            [CompletionResult]::new('--cancel-on-timeout', '--cancel-on-timeout', [CompletionResultType]::ParameterName, 'Cancel a job that has not ended by --wait-timeout (else it runs on, and the next run waits for it)')
            [CompletionResult]::new('--page-markers', '--page-markers', [CompletionResultType]::ParameterName, 'Put a line `<!-- page N -->` before each page of the document (N: its page in the original; with extract_printed_page_number, also its printed label)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;parsing' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List parse jobs, following every page unless --max-items is given')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one parse job, optionally with its parsed content')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Start a parse job for a local file (uploaded), a URL or an uploaded file''s id, and print it; with --wait, wait for it and print the result')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'Show the parsing tiers, the latest version of each and their dated versions')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel parse jobs that have not ended')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;parsing;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs with this status')
            [CompletionResult]::new('--created-at-on-or-after', '--created-at-on-or-after', [CompletionResultType]::ParameterName, 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d')
            [CompletionResult]::new('--created-at-on-or-before', '--created-at-on-or-before', [CompletionResultType]::ParameterName, 'Only items created at or before TIME (same forms as --since)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only items created at or before TIME (same forms as --since)')
            [CompletionResult]::new('--job-id', '--job-id', [CompletionResultType]::ParameterName, 'Only these job ids (repeatable, or comma-separated; sent as job_ids)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per request')
            [CompletionResult]::new('--page-token', '--page-token', [CompletionResultType]::ParameterName, 'Start from this page token (as printed when a listing stopped early)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Stop after N items (-1: no limit); the resume point is then printed')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;parsing;get' {
            [CompletionResult]::new('--job-id', '--job-id', [CompletionResultType]::ParameterName, 'The parse job id, as a flag (same as the positional argument)')
            [CompletionResult]::new('--expand', '--expand', [CompletionResultType]::ParameterName, 'Parts to include (repeatable, or comma-separated): text, markdown, items, metadata, job_metadata, forms, usage (credits), markdown_full, text_full (the whole document as one string), and result-file links: markdown_content_metadata, markdown_full_content_metadata, text_content_metadata, text_full_content_metadata, items_content_metadata, metadata_content_metadata, forms_content_metadata, images_content_metadata, xlsx_content_metadata, output_pdf_content_metadata, raw_words_content_metadata, stripped_markdown_content_metadata, concatenated_stripped_markdown_content_metadata. Values not listed are sent as given')
            [CompletionResult]::new('--image-filenames', '--image-filenames', [CompletionResultType]::ParameterName, 'Only these image files, as one comma-separated string (e.g. image_0.png,image_1.jpg)')
            [CompletionResult]::new('--images', '--images', [CompletionResultType]::ParameterName, 'Also save the job''s extracted images (those of --image-filenames, or all) into DIR')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Give up waiting after this long, a request in flight included: 90s, 30m, 2h, or seconds')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the job is COMPLETED, FAILED or CANCELLED, then print it, or its document with --format markdown|text (exit 6 unless COMPLETED)')
            [CompletionResult]::new('--cancel-on-timeout', '--cancel-on-timeout', [CompletionResultType]::ParameterName, 'Cancel the job when it has not ended by --wait-timeout')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;parsing;create' {
            [CompletionResult]::new('--source-url', '--source-url', [CompletionResultType]::ParameterName, 'Parse the document at this http(s) URL instead (the API fetches it)')
            [CompletionResult]::new('--file-id', '--file-id', [CompletionResultType]::ParameterName, 'Parse a file already uploaded to LlamaCloud, by its id')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Write each result to DIR/<its path>.md (.txt for text, .json for --format json), and keep DIR/.llamacloud-manifest.jsonl so that a second run resumes instead of starting over')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Parse every file under DIR (repeatable); results keep their path relative to DIR')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'With --recursive: only files whose path relative to DIR matches GLOB (repeatable; **/*.pdf)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'With --recursive: leave out files whose relative path matches GLOB (repeatable)')
            [CompletionResult]::new('--from-list', '--from-list', [CompletionResultType]::ParameterName, 'Also parse the paths or URLs listed in FILE, one a line (- for stdin; # comments)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Uploads in flight at once (fewer while the API answers 429)')
            [CompletionResult]::new('--max-in-flight', '--max-in-flight', [CompletionResultType]::ParameterName, 'Jobs in flight at once: created and not yet ended')
            [CompletionResult]::new('--shard', '--shard', [CompletionResultType]::ParameterName, 'Parse only this share of the documents: K of N (1/3, 2/3, 3/3), chosen by content, so N machines given the same tree each pay for their share only')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'A result store shared by machines, behind the local one: s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///PATH (credentials from each cloud''s environment) [default: $LLAMACLOUD_STORE, else the profile''s store]')
            [CompletionResult]::new('--store-unreachable', '--store-unreachable', [CompletionResultType]::ParameterName, 'When the shared store cannot be reached: stop creating jobs (a machine that cannot see the others'' claims could pay for a job another is paying for), or go on with the local store alone')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'fast (text only), cost_effective, agentic or agentic_plus; others are sent as given [default: the profile''s tier (config set tier), else required]')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'The tier''s version: latest, or a dated one (see parsing versions) [default: latest]')
            [CompletionResult]::new('--configuration-id', '--configuration-id', [CompletionResultType]::ParameterName, 'A saved parse configuration to use (then --tier is optional)')
            [CompletionResult]::new('--target-pages', '--target-pages', [CompletionResultType]::ParameterName, 'Only these pages, numbered from 1, e.g. "1,3,5-8" (page_ranges.target_pages)')
            [CompletionResult]::new('--max-pages', '--max-pages', [CompletionResultType]::ParameterName, 'Parse at most this many pages (page_ranges.max_pages)')
            [CompletionResult]::new('--metadata', '--metadata', [CompletionResultType]::ParameterName, 'A tag for the job, KEY=VALUE (repeatable; user_metadata), to find it again')
            [CompletionResult]::new('--client-name', '--client-name', [CompletionResultType]::ParameterName, 'Who made the job (client_name) [default: llamacloud-cli/VERSION]')
            [CompletionResult]::new('--webhook-configuration-id', '--webhook-configuration-id', [CompletionResultType]::ParameterName, 'A webhook configuration to notify (repeatable, at most 4)')
            [CompletionResult]::new('--options', '--options', [CompletionResultType]::ParameterName, 'Any other part of the request configuration, as a JSON object in FILE (- for stdin); the flags above win over it; a key the v2 configuration does not take is refused before anything is sent')
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'Give up waiting after this long, a request in flight included: 90s, 30m, 2h, or seconds')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('-L', '-L ', [CompletionResultType]::ParameterName, 'With --recursive: follow symbolic links (loops are detected and skipped)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'With --recursive: follow symbolic links (loops are detected and skipped)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Parse again, even when the result store or the output directory has the result')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the result store: every document is parsed (and paid for)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Send nothing: say for each document whether it would be parsed (paid for), is done, is in the result store or is skipped (and why), with its size and the pages that would be parsed, then a total')
            [CompletionResult]::new('--disable-cache', '--disable-cache', [CompletionResultType]::ParameterName, 'Parse again even if the API has a cached result for this document')
            [CompletionResult]::new('--allow-unknown-options', '--allow-unknown-options', [CompletionResultType]::ParameterName, 'Send keys of --options this version does not know (options newer than it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only the new job''s id')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only the new job''s id')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the job is COMPLETED, FAILED or CANCELLED, then print it, or its document with --format markdown|text (exit 6 unless COMPLETED)')
            [CompletionResult]::new('--cancel-on-timeout', '--cancel-on-timeout', [CompletionResultType]::ParameterName, 'Cancel the job when it has not ended by --wait-timeout')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;parsing;download' {
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;parsing;versions' {
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;parsing;cancel' {
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;parsing;delete' {
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (needed when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (needed when not on a terminal)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;parsing;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List parse jobs, following every page unless --max-items is given')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one parse job, optionally with its parsed content')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Start a parse job for a local file (uploaded), a URL or an uploaded file''s id, and print it; with --wait, wait for it and print the result')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'Show the parsing tiers, the latest version of each and their dated versions')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel parse jobs that have not ended')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;parsing;help;list' {
            break
        }
        'llamacloud;parsing;help;get' {
            break
        }
        'llamacloud;parsing;help;create' {
            break
        }
        'llamacloud;parsing;help;download' {
            break
        }
        'llamacloud;parsing;help;versions' {
            break
        }
        'llamacloud;parsing;help;cancel' {
            break
        }
        'llamacloud;parsing;help;delete' {
            break
        }
        'llamacloud;parsing;help;help' {
            break
        }
        'llamacloud;batches' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batches, following every page unless --max-items is given')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one batch, optionally with the parse job of each of its files')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a batch that has not ended')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;batches;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only batches with this status')
            [CompletionResult]::new('--source-directory-id', '--source-directory-id', [CompletionResultType]::ParameterName, 'Only batches of this source directory')
            [CompletionResult]::new('--created-at-on-or-after', '--created-at-on-or-after', [CompletionResultType]::ParameterName, 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d')
            [CompletionResult]::new('--created-at-on-or-before', '--created-at-on-or-before', [CompletionResultType]::ParameterName, 'Only items created at or before TIME (same forms as --since)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only items created at or before TIME (same forms as --since)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Items per request')
            [CompletionResult]::new('--page-token', '--page-token', [CompletionResultType]::ParameterName, 'Start from this page token (as printed when a listing stopped early)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Stop after N items (-1: no limit); the resume point is then printed')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;batches;get' {
            [CompletionResult]::new('--expand', '--expand', [CompletionResultType]::ParameterName, 'Parts to include: results (the job of each file; repeatable, or comma-separated)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;batches;cancel' {
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;batches;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batches, following every page unless --max-items is given')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one batch, optionally with the parse job of each of its files')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a batch that has not ended')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;batches;help;list' {
            break
        }
        'llamacloud;batches;help;get' {
            break
        }
        'llamacloud;batches;help;cancel' {
            break
        }
        'llamacloud;batches;help;help' {
            break
        }
        'llamacloud;batch-processing' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batch-processing jobs (offset paging), following every page unless --max-items is given')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;batch-processing;list' {
            [CompletionResult]::new('--directory-id', '--directory-id', [CompletionResultType]::ParameterName, 'Only jobs of this directory')
            [CompletionResult]::new('--job-type', '--job-type', [CompletionResultType]::ParameterName, 'Only jobs of this type')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only jobs with this status')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per request (1-1000; sent as limit)')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Number of jobs to skip before the first one shown')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)')
            [CompletionResult]::new('--organization-id', '--organization-id', [CompletionResultType]::ParameterName, 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)')
            [CompletionResult]::new('--max-items', '--max-items', [CompletionResultType]::ParameterName, 'Stop after N items (-1: no limit); the resume point is then printed')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;batch-processing;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batch-processing jobs (offset paging), following every page unless --max-items is given')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;batch-processing;help;list' {
            break
        }
        'llamacloud;batch-processing;help;help' {
            break
        }
        'llamacloud;cache' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the result store is (with --store, the shared store''s URL)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the results in the store: key, job, status, result files, when last used')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget every result (asks first on a terminal; needs --yes otherwise)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;cache;path' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile''s store')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;cache;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile''s store')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;cache;prune' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, '30d, 12h, 90m, or seconds')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile''s store')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;cache;clear' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile''s store')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Clear without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Clear without asking')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;cache;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the result store is (with --store, the shared store''s URL)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the results in the store: key, job, status, result files, when last used')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget every result (asks first on a terminal; needs --yes otherwise)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;cache;help;path' {
            break
        }
        'llamacloud;cache;help;list' {
            break
        }
        'llamacloud;cache;help;prune' {
            break
        }
        'llamacloud;cache;help;clear' {
            break
        }
        'llamacloud;cache;help;help' {
            break
        }
        'llamacloud;config' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a profile''s setting; the API key is read from stdin or a hidden prompt, never from the command line')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a setting from a profile (the one in use, as for set)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a setting of the profile in use (the API key masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print every profile and its settings (API keys masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make PROFILE the default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;config;set' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;config;unset' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;config;get' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;config;list' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;config;path' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;config;use' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;config;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a profile''s setting; the API key is read from stdin or a hidden prompt, never from the command line')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a setting from a profile (the one in use, as for set)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a setting of the profile in use (the API key masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print every profile and its settings (API keys masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make PROFILE the default')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;config;help;set' {
            break
        }
        'llamacloud;config;help;unset' {
            break
        }
        'llamacloud;config;help;get' {
            break
        }
        'llamacloud;config;help;list' {
            break
        }
        'llamacloud;config;help;path' {
            break
        }
        'llamacloud;config;help;use' {
            break
        }
        'llamacloud;config;help;help' {
            break
        }
        'llamacloud;auth' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;auth;status' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;auth;help;status' {
            break
        }
        'llamacloud;auth;help;help' {
            break
        }
        'llamacloud;completions' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'Write the script where the shell loads completions for this user (directories made as needed) and say what to add to its start-up file, if anything')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --install: replace a file there that llamacloud did not write')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'With --install: the directory to write them to')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--install', '--install', [CompletionResultType]::ParameterName, 'Write the man pages to DIR (default: ${XDG_DATA_HOME:-~/.local/share}/man/man1) and say whether `man llamacloud` finds them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;generate-docs' {
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'API region (default: $LLAMA_CLOUD_REGION, else us)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: auto = table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the output to FILE instead of stdout (atomically: complete or not at all)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Timeout for each HTTP request, in seconds')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]')
            [CompletionResult]::new('--fail-on-partial', '--fail-on-partial', [CompletionResultType]::ParameterName, 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Shorthand for --format json')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the API key over plain http:// to a host that is not loopback')
            [CompletionResult]::new('--debug', '--debug', [CompletionResultType]::ParameterName, 'Log each HTTP request and response to stderr (the API key is masked)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'llamacloud;help' {
            [CompletionResult]::new('parse', 'parse', [CompletionResultType]::ParameterValue, 'Parse documents: one is printed as markdown (parsing create --wait --format markdown, with the profile''s tier); several, --recursive or --from-list go into --output-dir, resumably. A local FILE is uploaded, an http(s) URL is fetched by the API')
            [CompletionResult]::new('parsing', 'parsing', [CompletionResultType]::ParameterValue, 'Parse jobs')
            [CompletionResult]::new('batches', 'batches', [CompletionResultType]::ParameterValue, 'Batches (v2)')
            [CompletionResult]::new('batch-processing', 'batch-processing', [CompletionResultType]::ParameterValue, 'Batch-processing jobs (v1 beta; retired by newer API versions, see `batches`)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'The result store: what was parsed, so it is never paid for twice')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'The config file and its profiles')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'The API key in use')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish), or install it where that shell loads it for this user (--install)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the program''s man page (roff), or install every command''s man page (--install)')
            [CompletionResult]::new('generate-docs', 'generate-docs', [CompletionResultType]::ParameterValue, 'Write the completion scripts, man pages and command reference under DIR')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'llamacloud;help;parse' {
            break
        }
        'llamacloud;help;parsing' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List parse jobs, following every page unless --max-items is given')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one parse job, optionally with its parsed content')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Start a parse job for a local file (uploaded), a URL or an uploaded file''s id, and print it; with --wait, wait for it and print the result')
            [CompletionResult]::new('download', 'download', [CompletionResultType]::ParameterValue, 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is')
            [CompletionResult]::new('versions', 'versions', [CompletionResultType]::ParameterValue, 'Show the parsing tiers, the latest version of each and their dated versions')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel parse jobs that have not ended')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)')
            break
        }
        'llamacloud;help;parsing;list' {
            break
        }
        'llamacloud;help;parsing;get' {
            break
        }
        'llamacloud;help;parsing;create' {
            break
        }
        'llamacloud;help;parsing;download' {
            break
        }
        'llamacloud;help;parsing;versions' {
            break
        }
        'llamacloud;help;parsing;cancel' {
            break
        }
        'llamacloud;help;parsing;delete' {
            break
        }
        'llamacloud;help;batches' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batches, following every page unless --max-items is given')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one batch, optionally with the parse job of each of its files')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a batch that has not ended')
            break
        }
        'llamacloud;help;batches;list' {
            break
        }
        'llamacloud;help;batches;get' {
            break
        }
        'llamacloud;help;batches;cancel' {
            break
        }
        'llamacloud;help;batch-processing' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batch-processing jobs (offset paging), following every page unless --max-items is given')
            break
        }
        'llamacloud;help;batch-processing;list' {
            break
        }
        'llamacloud;help;cache' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the result store is (with --store, the shared store''s URL)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the results in the store: key, job, status, result files, when last used')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget every result (asks first on a terminal; needs --yes otherwise)')
            break
        }
        'llamacloud;help;cache;path' {
            break
        }
        'llamacloud;help;cache;list' {
            break
        }
        'llamacloud;help;cache;prune' {
            break
        }
        'llamacloud;help;cache;clear' {
            break
        }
        'llamacloud;help;config' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set a profile''s setting; the API key is read from stdin or a hidden prompt, never from the command line')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove a setting from a profile (the one in use, as for set)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print a setting of the profile in use (the API key masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Print every profile and its settings (API keys masked)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make PROFILE the default')
            break
        }
        'llamacloud;help;config;set' {
            break
        }
        'llamacloud;help;config;unset' {
            break
        }
        'llamacloud;help;config;get' {
            break
        }
        'llamacloud;help;config;list' {
            break
        }
        'llamacloud;help;config;path' {
            break
        }
        'llamacloud;help;config;use' {
            break
        }
        'llamacloud;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request')
            break
        }
        'llamacloud;help;auth;status' {
            break
        }
        'llamacloud;help;completions' {
            break
        }
        'llamacloud;help;man' {
            break
        }
        'llamacloud;help;generate-docs' {
            break
        }
        'llamacloud;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
