
use builtin;
use str;

set edit:completion:arg-completer[llamacloud] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'llamacloud'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'llamacloud'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand parse 'Parse documents: one is printed as markdown (parsing create --wait --format markdown, with the profile''s tier); several, --recursive or --from-list go into --output-dir, resumably. A local FILE is uploaded, an http(s) URL is fetched by the API'
            cand parsing 'Parse jobs'
            cand batches 'Batches (v2)'
            cand batch-processing 'Batch-processing jobs (v1 beta; retired by newer API versions, see `batches`)'
            cand cache 'The result store: what was parsed, so it is never paid for twice'
            cand config 'The config file and its profiles'
            cand auth 'The API key in use'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand generate-docs 'Write the completion scripts, man pages and command reference under DIR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;parse'= {
            cand --filename 'The name a document read from stdin (-) is uploaded as; its extension tells the API its type'
            cand --output-dir 'Write each result to DIR/<its path>.md (.txt for text, .json for --format json), and keep DIR/.llamacloud-manifest.jsonl so that a second run resumes instead of starting over'
            cand --recursive 'Parse every file under DIR (repeatable); results keep their path relative to DIR'
            cand --include 'With --recursive: only files whose path relative to DIR matches GLOB (repeatable; **/*.pdf)'
            cand --exclude 'With --recursive: leave out files whose relative path matches GLOB (repeatable)'
            cand --from-list 'Also parse the paths or URLs listed in FILE, one a line (- for stdin; # comments)'
            cand --concurrency 'Uploads in flight at once (fewer while the API answers 429)'
            cand --max-in-flight 'Jobs in flight at once: created and not yet ended'
            cand --shard 'Parse only this share of the documents: K of N (1/3, 2/3, 3/3), chosen by content, so N machines given the same tree each pay for their share only'
            cand --store 'A result store shared by machines, behind the local one: s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///PATH (credentials from each cloud''s environment) [default: $LLAMACLOUD_STORE, else the profile''s store]'
            cand --store-unreachable 'When the shared store cannot be reached: stop creating jobs (a machine that cannot see the others'' claims could pay for a job another is paying for), or go on with the local store alone'
            cand --tier 'fast (text only), cost_effective, agentic or agentic_plus; others are sent as given [default: the profile''s tier (config set tier), else required]'
            cand --version 'The tier''s version: latest, or a dated one (see parsing versions) [default: latest]'
            cand --configuration-id 'A saved parse configuration to use (then --tier is optional)'
            cand --target-pages 'Only these pages, numbered from 1, e.g. "1,3,5-8" (page_ranges.target_pages)'
            cand --max-pages 'Parse at most this many pages (page_ranges.max_pages)'
            cand --metadata 'A tag for the job, KEY=VALUE (repeatable; user_metadata), to find it again'
            cand --client-name 'Who made the job (client_name) [default: llamacloud-cli/VERSION]'
            cand --webhook-configuration-id 'A webhook configuration to notify (repeatable, at most 4)'
            cand --options 'Any other part of the request configuration, as a JSON object in FILE (- for stdin); the flags above win over it; a key the v2 configuration does not take is refused before anything is sent'
            cand --wait-timeout 'Give up waiting after this long (for each document): 90s, 30m, 2h, or seconds'
            cand --window-pages 'Parse a document of more than N pages as consecutive windows of N pages, side by side, stitched back into one (a PDF''s pages are counted here; another document is windowed once the API refuses it as too long); 0: one job per document'
            cand --save 'Keep beside each document what its parse produces (repeatable, or comma-separated): images, screenshots, items, json, tables, pages; in <output>.assets/ (images, screenshots and tables are asked of the API: a new job for a document parsed without them)'
            cand --max-credits 'Start no job that could take the credits billed in this run past N (each job reserves its pages × its tier''s credits a page before it is created); what is left is said, exit 8 [default: the profile''s max_credits (config set max_credits), else no limit]'
            cand --assume-pages 'The pages a document whose page count is not known here is reserved for (corrected once its job is billed)'
            cand --escalate 'Parse again on TIER only the pages that came back failed or empty, one job a document over those pages, and put them in place of the first ones'
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand -L 'With --recursive: follow symbolic links (loops are detected and skipped)'
            cand --follow 'With --recursive: follow symbolic links (loops are detected and skipped)'
            cand --force 'Parse again, even when the result store or the output directory has the result'
            cand --no-cache 'Neither read nor write the result store: every document is parsed (and paid for)'
            cand --dry-run 'Send nothing: say for each document whether it would be parsed (paid for), is done, is in the result store or is skipped (and why), with its size and the pages that would be parsed, then a total'
            cand --disable-cache 'Parse again even if the API has a cached result for this document'
            cand --allow-unknown-options 'Send keys of --options this version does not know (options newer than it)'
            cand --cancel-on-timeout 'Cancel a job that has not ended by --wait-timeout (else it runs on, and the next run waits for it)'
            cand --page-markers 'Put a line `<!-- page N -->` before each page of the document (N: its page in the original; with extract_printed_page_number, also its printed label)'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;parsing'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List parse jobs, following every page unless --max-items is given'
            cand get 'Show one parse job, optionally with its parsed content'
            cand create 'Start a parse job for a local file (uploaded), a URL or an uploaded file''s id, and print it; with --wait, wait for it and print the result'
            cand download 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is'
            cand versions 'Show the parsing tiers, the latest version of each and their dated versions'
            cand cancel 'Cancel parse jobs that have not ended'
            cand delete 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;parsing;list'= {
            cand --status 'Only jobs with this status'
            cand --created-at-on-or-after 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d'
            cand --since 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d'
            cand --created-at-on-or-before 'Only items created at or before TIME (same forms as --since)'
            cand --until 'Only items created at or before TIME (same forms as --since)'
            cand --job-id 'Only these job ids (repeatable, or comma-separated; sent as job_ids)'
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --page-size 'Items per request'
            cand --page-token 'Start from this page token (as printed when a listing stopped early)'
            cand --max-items 'Stop after N items (-1: no limit); the resume point is then printed'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;parsing;get'= {
            cand --job-id 'The parse job id, as a flag (same as the positional argument)'
            cand --expand 'Parts to include (repeatable, or comma-separated): text, markdown, items, metadata, job_metadata, forms, usage (credits), markdown_full, text_full (the whole document as one string), and result-file links: markdown_content_metadata, markdown_full_content_metadata, text_content_metadata, text_full_content_metadata, items_content_metadata, metadata_content_metadata, forms_content_metadata, images_content_metadata, xlsx_content_metadata, output_pdf_content_metadata, raw_words_content_metadata, stripped_markdown_content_metadata, concatenated_stripped_markdown_content_metadata. Values not listed are sent as given'
            cand --image-filenames 'Only these image files, as one comma-separated string (e.g. image_0.png,image_1.jpg)'
            cand --images 'Also save the job''s extracted images (those of --image-filenames, or all) into DIR'
            cand --wait-timeout 'Give up waiting after this long, a request in flight included: 90s, 30m, 2h, or seconds'
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --wait 'Wait until the job is COMPLETED, FAILED or CANCELLED, then print it, or its document with --format markdown|text (exit 6 unless COMPLETED)'
            cand --cancel-on-timeout 'Cancel the job when it has not ended by --wait-timeout'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;parsing;create'= {
            cand --source-url 'Parse the document at this http(s) URL instead (the API fetches it)'
            cand --file-id 'Parse a file already uploaded to LlamaCloud, by its id'
            cand --output-dir 'Write each result to DIR/<its path>.md (.txt for text, .json for --format json), and keep DIR/.llamacloud-manifest.jsonl so that a second run resumes instead of starting over'
            cand --recursive 'Parse every file under DIR (repeatable); results keep their path relative to DIR'
            cand --include 'With --recursive: only files whose path relative to DIR matches GLOB (repeatable; **/*.pdf)'
            cand --exclude 'With --recursive: leave out files whose relative path matches GLOB (repeatable)'
            cand --from-list 'Also parse the paths or URLs listed in FILE, one a line (- for stdin; # comments)'
            cand --concurrency 'Uploads in flight at once (fewer while the API answers 429)'
            cand --max-in-flight 'Jobs in flight at once: created and not yet ended'
            cand --shard 'Parse only this share of the documents: K of N (1/3, 2/3, 3/3), chosen by content, so N machines given the same tree each pay for their share only'
            cand --store 'A result store shared by machines, behind the local one: s3://BUCKET/PREFIX, gs://BUCKET/PREFIX, az://CONTAINER/PREFIX or file:///PATH (credentials from each cloud''s environment) [default: $LLAMACLOUD_STORE, else the profile''s store]'
            cand --store-unreachable 'When the shared store cannot be reached: stop creating jobs (a machine that cannot see the others'' claims could pay for a job another is paying for), or go on with the local store alone'
            cand --tier 'fast (text only), cost_effective, agentic or agentic_plus; others are sent as given [default: the profile''s tier (config set tier), else required]'
            cand --version 'The tier''s version: latest, or a dated one (see parsing versions) [default: latest]'
            cand --configuration-id 'A saved parse configuration to use (then --tier is optional)'
            cand --target-pages 'Only these pages, numbered from 1, e.g. "1,3,5-8" (page_ranges.target_pages)'
            cand --max-pages 'Parse at most this many pages (page_ranges.max_pages)'
            cand --metadata 'A tag for the job, KEY=VALUE (repeatable; user_metadata), to find it again'
            cand --client-name 'Who made the job (client_name) [default: llamacloud-cli/VERSION]'
            cand --webhook-configuration-id 'A webhook configuration to notify (repeatable, at most 4)'
            cand --options 'Any other part of the request configuration, as a JSON object in FILE (- for stdin); the flags above win over it; a key the v2 configuration does not take is refused before anything is sent'
            cand --wait-timeout 'Give up waiting after this long, a request in flight included: 90s, 30m, 2h, or seconds'
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand -L 'With --recursive: follow symbolic links (loops are detected and skipped)'
            cand --follow 'With --recursive: follow symbolic links (loops are detected and skipped)'
            cand --force 'Parse again, even when the result store or the output directory has the result'
            cand --no-cache 'Neither read nor write the result store: every document is parsed (and paid for)'
            cand --dry-run 'Send nothing: say for each document whether it would be parsed (paid for), is done, is in the result store or is skipped (and why), with its size and the pages that would be parsed, then a total'
            cand --disable-cache 'Parse again even if the API has a cached result for this document'
            cand --allow-unknown-options 'Send keys of --options this version does not know (options newer than it)'
            cand -q 'Print only the new job''s id'
            cand --quiet 'Print only the new job''s id'
            cand --wait 'Wait until the job is COMPLETED, FAILED or CANCELLED, then print it, or its document with --format markdown|text (exit 6 unless COMPLETED)'
            cand --cancel-on-timeout 'Cancel the job when it has not ended by --wait-timeout'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;parsing;download'= {
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;parsing;versions'= {
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;parsing;cancel'= {
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;parsing;delete'= {
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand -y 'Delete without asking (needed when not on a terminal)'
            cand --yes 'Delete without asking (needed when not on a terminal)'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;parsing;help'= {
            cand list 'List parse jobs, following every page unless --max-items is given'
            cand get 'Show one parse job, optionally with its parsed content'
            cand create 'Start a parse job for a local file (uploaded), a URL or an uploaded file''s id, and print it; with --wait, wait for it and print the result'
            cand download 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is'
            cand versions 'Show the parsing tiers, the latest version of each and their dated versions'
            cand cancel 'Cancel parse jobs that have not ended'
            cand delete 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;parsing;help;list'= {
        }
        &'llamacloud;parsing;help;get'= {
        }
        &'llamacloud;parsing;help;create'= {
        }
        &'llamacloud;parsing;help;download'= {
        }
        &'llamacloud;parsing;help;versions'= {
        }
        &'llamacloud;parsing;help;cancel'= {
        }
        &'llamacloud;parsing;help;delete'= {
        }
        &'llamacloud;parsing;help;help'= {
        }
        &'llamacloud;batches'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List batches, following every page unless --max-items is given'
            cand get 'Show one batch, optionally with the parse job of each of its files'
            cand cancel 'Cancel a batch that has not ended'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;batches;list'= {
            cand --status 'Only batches with this status'
            cand --source-directory-id 'Only batches of this source directory'
            cand --created-at-on-or-after 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d'
            cand --since 'Only items created at or after TIME: RFC 3339, a date (midnight UTC), or an age such as 90m, 12h, 7d'
            cand --created-at-on-or-before 'Only items created at or before TIME (same forms as --since)'
            cand --until 'Only items created at or before TIME (same forms as --since)'
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --page-size 'Items per request'
            cand --page-token 'Start from this page token (as printed when a listing stopped early)'
            cand --max-items 'Stop after N items (-1: no limit); the resume point is then printed'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;batches;get'= {
            cand --expand 'Parts to include: results (the job of each file; repeatable, or comma-separated)'
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;batches;cancel'= {
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;batches;help'= {
            cand list 'List batches, following every page unless --max-items is given'
            cand get 'Show one batch, optionally with the parse job of each of its files'
            cand cancel 'Cancel a batch that has not ended'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;batches;help;list'= {
        }
        &'llamacloud;batches;help;get'= {
        }
        &'llamacloud;batches;help;cancel'= {
        }
        &'llamacloud;batches;help;help'= {
        }
        &'llamacloud;batch-processing'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List batch-processing jobs (offset paging), following every page unless --max-items is given'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;batch-processing;list'= {
            cand --directory-id 'Only jobs of this directory'
            cand --job-type 'Only jobs of this type'
            cand --status 'Only jobs with this status'
            cand --limit 'Items per request (1-1000; sent as limit)'
            cand --offset 'Number of jobs to skip before the first one shown'
            cand --project-id 'Project id (default: $LLAMA_CLOUD_PROJECT_ID)'
            cand --organization-id 'Organization id (default: $LLAMA_CLOUD_ORGANIZATION_ID)'
            cand --max-items 'Stop after N items (-1: no limit); the resume point is then printed'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;batch-processing;help'= {
            cand list 'List batch-processing jobs (offset paging), following every page unless --max-items is given'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;batch-processing;help;list'= {
        }
        &'llamacloud;batch-processing;help;help'= {
        }
        &'llamacloud;cache'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand path 'Print where the result store is (with --store, the shared store''s URL)'
            cand list 'List the results in the store: key, job, status, result files, when last used'
            cand prune 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)'
            cand clear 'Forget every result (asks first on a terminal; needs --yes otherwise)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;cache;path'= {
            cand --store 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile''s store'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;cache;list'= {
            cand --store 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile''s store'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;cache;prune'= {
            cand --older-than '30d, 12h, 90m, or seconds'
            cand --store 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile''s store'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;cache;clear'= {
            cand --store 'Work on the result store shared by machines instead of the local one: URL (s3://, gs://, az://, file:///), or without one the store set by $LLAMACLOUD_STORE or the profile''s store'
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand -y 'Clear without asking'
            cand --yes 'Clear without asking'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;cache;help'= {
            cand path 'Print where the result store is (with --store, the shared store''s URL)'
            cand list 'List the results in the store: key, job, status, result files, when last used'
            cand prune 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)'
            cand clear 'Forget every result (asks first on a terminal; needs --yes otherwise)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;cache;help;path'= {
        }
        &'llamacloud;cache;help;list'= {
        }
        &'llamacloud;cache;help;prune'= {
        }
        &'llamacloud;cache;help;clear'= {
        }
        &'llamacloud;cache;help;help'= {
        }
        &'llamacloud;config'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand set 'Set a profile''s setting; the API key is read from stdin or a hidden prompt, never from the command line'
            cand unset 'Remove a setting from a profile (the one in use, as for set)'
            cand get 'Print a setting of the profile in use (the API key masked)'
            cand list 'Print every profile and its settings (API keys masked)'
            cand path 'Print where the config file is'
            cand use 'Make PROFILE the default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;config;set'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;config;unset'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;config;get'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;config;list'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;config;path'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;config;use'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;config;help'= {
            cand set 'Set a profile''s setting; the API key is read from stdin or a hidden prompt, never from the command line'
            cand unset 'Remove a setting from a profile (the one in use, as for set)'
            cand get 'Print a setting of the profile in use (the API key masked)'
            cand list 'Print every profile and its settings (API keys masked)'
            cand path 'Print where the config file is'
            cand use 'Make PROFILE the default'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;config;help;set'= {
        }
        &'llamacloud;config;help;unset'= {
        }
        &'llamacloud;config;help;get'= {
        }
        &'llamacloud;config;help;list'= {
        }
        &'llamacloud;config;help;path'= {
        }
        &'llamacloud;config;help;use'= {
        }
        &'llamacloud;config;help;help'= {
        }
        &'llamacloud;auth'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand status 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;auth;status'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;auth;help'= {
            cand status 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;auth;help;status'= {
        }
        &'llamacloud;auth;help;help'= {
        }
        &'llamacloud;completions'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;generate-docs'= {
            cand --api-key 'API key (default: $LLAMA_CLOUD_API_KEY, then $LLAMA_PARSE_API_KEY)'
            cand --base-url 'API base URL (default: $LLAMA_CLOUD_BASE_URL, else the region''s URL)'
            cand --profile 'Config-file profile to use (default: $LLAMA_CLOUD_PROFILE, else the file''s default_profile)'
            cand --region 'API region (default: $LLAMA_CLOUD_REGION, else us)'
            cand --format 'Output format [default: auto = table on a terminal, tsv otherwise]'
            cand --jq 'Filter the JSON output with a jq expression (built in; per item with --format jsonl)'
            cand -o 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --output 'Write the output to FILE instead of stdout (atomically: complete or not at all)'
            cand --color 'When to colour the output [default: auto, which honours NO_COLOR and CLICOLOR_FORCE]'
            cand --timeout 'Timeout for each HTTP request, in seconds'
            cand --max-retries 'Retries for connection errors, timeouts, 408, 409, 429 and 5xx, with backoff'
            cand --ca-file 'Also trust the certificate authorities in this PEM file (a proxy or firewall that re-signs TLS); the system''s roots and SSL_CERT_FILE are trusted as well [default: the profile''s ca_file]'
            cand --fail-on-partial 'Exit 7 when a document is done but some of its pages failed (always), or 0 (never); the failed pages are marked in the output and warned about either way'
            cand --json 'Shorthand for --format json'
            cand -r 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --raw-output 'Print string results without quotes (alone: the JSON output, strings raw, as `llp -r`)'
            cand --allow-insecure-http 'Allow sending the API key over plain http:// to a host that is not loopback'
            cand --debug 'Log each HTTP request and response to stderr (the API key is masked)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'llamacloud;help'= {
            cand parse 'Parse documents: one is printed as markdown (parsing create --wait --format markdown, with the profile''s tier); several, --recursive or --from-list go into --output-dir, resumably. A local FILE is uploaded, an http(s) URL is fetched by the API'
            cand parsing 'Parse jobs'
            cand batches 'Batches (v2)'
            cand batch-processing 'Batch-processing jobs (v1 beta; retired by newer API versions, see `batches`)'
            cand cache 'The result store: what was parsed, so it is never paid for twice'
            cand config 'The config file and its profiles'
            cand auth 'The API key in use'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
            cand generate-docs 'Write the completion scripts, man pages and command reference under DIR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'llamacloud;help;parse'= {
        }
        &'llamacloud;help;parsing'= {
            cand list 'List parse jobs, following every page unless --max-items is given'
            cand get 'Show one parse job, optionally with its parsed content'
            cand create 'Start a parse job for a local file (uploaded), a URL or an uploaded file''s id, and print it; with --wait, wait for it and print the result'
            cand download 'Download one result file of a job (markdown, text, items, xlsx, output_pdf, …) through its presigned link, as it is'
            cand versions 'Show the parsing tiers, the latest version of each and their dated versions'
            cand cancel 'Cancel parse jobs that have not ended'
            cand delete 'Delete parse jobs that have ended (asks first on a terminal; needs --yes otherwise)'
        }
        &'llamacloud;help;parsing;list'= {
        }
        &'llamacloud;help;parsing;get'= {
        }
        &'llamacloud;help;parsing;create'= {
        }
        &'llamacloud;help;parsing;download'= {
        }
        &'llamacloud;help;parsing;versions'= {
        }
        &'llamacloud;help;parsing;cancel'= {
        }
        &'llamacloud;help;parsing;delete'= {
        }
        &'llamacloud;help;batches'= {
            cand list 'List batches, following every page unless --max-items is given'
            cand get 'Show one batch, optionally with the parse job of each of its files'
            cand cancel 'Cancel a batch that has not ended'
        }
        &'llamacloud;help;batches;list'= {
        }
        &'llamacloud;help;batches;get'= {
        }
        &'llamacloud;help;batches;cancel'= {
        }
        &'llamacloud;help;batch-processing'= {
            cand list 'List batch-processing jobs (offset paging), following every page unless --max-items is given'
        }
        &'llamacloud;help;batch-processing;list'= {
        }
        &'llamacloud;help;cache'= {
            cand path 'Print where the result store is (with --store, the shared store''s URL)'
            cand list 'List the results in the store: key, job, status, result files, when last used'
            cand prune 'Forget the results not used for DURATION (their documents are parsed again when asked); a job that has not ended is kept (in a shared store, also a key a machine is deciding about)'
            cand clear 'Forget every result (asks first on a terminal; needs --yes otherwise)'
        }
        &'llamacloud;help;cache;path'= {
        }
        &'llamacloud;help;cache;list'= {
        }
        &'llamacloud;help;cache;prune'= {
        }
        &'llamacloud;help;cache;clear'= {
        }
        &'llamacloud;help;config'= {
            cand set 'Set a profile''s setting; the API key is read from stdin or a hidden prompt, never from the command line'
            cand unset 'Remove a setting from a profile (the one in use, as for set)'
            cand get 'Print a setting of the profile in use (the API key masked)'
            cand list 'Print every profile and its settings (API keys masked)'
            cand path 'Print where the config file is'
            cand use 'Make PROFILE the default'
        }
        &'llamacloud;help;config;set'= {
        }
        &'llamacloud;help;config;unset'= {
        }
        &'llamacloud;help;config;get'= {
        }
        &'llamacloud;help;config;list'= {
        }
        &'llamacloud;help;config;path'= {
        }
        &'llamacloud;help;config;use'= {
        }
        &'llamacloud;help;auth'= {
            cand status 'Show the base URL, region, profile and key in use and where each came from, then check the key with one request'
        }
        &'llamacloud;help;auth;status'= {
        }
        &'llamacloud;help;completions'= {
        }
        &'llamacloud;help;generate-docs'= {
        }
        &'llamacloud;help;help'= {
        }
    ]
    $completions[$command]
}
