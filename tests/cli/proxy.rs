//! Proxies beyond http://: requests go through a SOCKS5 proxy (socks5:// resolving names here,
//! socks5h:// letting the proxy resolve them), a SOCKS proxy that cannot be reached is named
//! with the variable it came from, and a scheme no proxy speaks is a usage error said once.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use httpmock::MockServer;
use serde_json::json;

use crate::harness::{cli, stderr_of};

/// A SOCKS5 proxy on loopback (no authentication, CONNECT only) that sends every connection to
/// `upstream` whatever its destination, so nothing leaves this machine; it records each
/// destination asked for, as `host:port`.
fn socks5_relay(upstream: std::net::SocketAddr) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let asked = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&asked);
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || relay(client, upstream, &seen));
        }
    });
    (address, asked)
}

fn relay(mut client: TcpStream, upstream: std::net::SocketAddr, seen: &Mutex<Vec<String>>) {
    fn read(from: &mut TcpStream, n: usize) -> std::io::Result<Vec<u8>> {
        let mut bytes = vec![0; n];
        from.read_exact(&mut bytes).map(|()| bytes)
    }
    // Greeting: version 5 and the methods offered; "no authentication" chosen.
    let Ok(greeting) = read(&mut client, 2) else {
        return;
    };
    let _ = read(&mut client, usize::from(greeting[1]));
    client.write_all(&[5, 0]).unwrap();
    // The request: version, CONNECT, reserved, the address's type, the address, the port.
    let Ok(head) = read(&mut client, 4) else { return };
    assert_eq!(&head[..2], [5, 1], "a SOCKS5 CONNECT");
    let host = match head[3] {
        1 => read(&mut client, 4).map(|ip| format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3])),
        3 => read(&mut client, 1)
            .and_then(|n| read(&mut client, usize::from(n[0])))
            .map(|name| String::from_utf8_lossy(&name).into_owned()),
        _ => return,
    };
    let (Ok(host), Ok(port)) = (host, read(&mut client, 2)) else {
        return;
    };
    seen.lock()
        .unwrap()
        .push(format!("{host}:{}", u16::from_be_bytes([port[0], port[1]])));
    let Ok(mut server) = TcpStream::connect(upstream) else {
        return;
    };
    client.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0]).unwrap();
    let (mut client_in, mut server_out) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut client_in, &mut server_out);
        let _ = server_out.shutdown(Shutdown::Write);
    });
    let _ = std::io::copy(&mut server, &mut client);
    let _ = client.shutdown(Shutdown::Write);
    let _ = up.join();
}

#[test]
fn requests_go_through_a_socks5_proxy_with_names_resolved_here_or_by_the_proxy() {
    let server = MockServer::start();
    let listed = server.mock(|when, then| {
        when.method("GET")
            .path("/api/v2/parse")
            .header("authorization", format!("Bearer {}", crate::harness::TEST_KEY))
            .header("host", "api.example.test");
        then.status(200)
            .json_body(json!({"items": [], "next_page_token": null}));
    });
    let on_ip = server.mock(|when, then| {
        when.method("GET")
            .path("/api/v2/parse")
            .header("host", "192.0.2.7");
        then.status(200)
            .json_body(json!({"items": [], "next_page_token": null}));
    });
    let (proxy, asked) = socks5_relay(*server.address());
    let list = ["parsing", "list", "--allow-insecure-http", "--format", "jsonl"];
    // socks5h://: the proxy is given the name (this machine never resolves it).
    let output = cli("http://api.example.test")
        .env("ALL_PROXY", format!("socks5h://{proxy}"))
        .args(list)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert_eq!(stderr_of(&output), "");
    listed.assert_calls(1);
    assert_eq!(*asked.lock().unwrap(), ["api.example.test:80"]);
    // socks5://: the address is resolved here and the proxy given it (an IP: nothing to look up).
    let output = cli("http://192.0.2.7")
        .env("http_proxy", format!("socks5://{proxy}"))
        .args(list)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    on_ip.assert_calls(1);
    assert_eq!(*asked.lock().unwrap(), ["api.example.test:80", "192.0.2.7:80"]);
}

#[test]
fn a_socks_proxy_that_cannot_be_reached_is_named_with_the_variable_it_came_from() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let output = cli("https://api.example.test")
        .env("HTTPS_PROXY", format!("socks5h://me:secret@127.0.0.1:{port}"))
        .args(["parsing", "list", "--max-retries", "0"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: could not connect to the proxy 127.0.0.1:{port} (from HTTPS_PROXY) for api.example.test: "
        )),
        "{stderr}"
    );
    // The proxy was spoken to as SOCKS (not refused as a scheme reqwest cannot use).
    assert!(stderr.contains(": SOCKS error: "), "{stderr}");
    assert!(!stderr.contains("secret"), "{stderr}");
}

#[test]
fn a_proxy_scheme_no_proxy_speaks_is_a_usage_error_said_once_and_not_retried() {
    let mut run = cli("https://api.example.test");
    run.env("HTTPS_PROXY", "ftp://me:secret@relay.corp:2121")
        .args(["parsing", "list"]);
    let output = run.output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    assert_eq!(
        stderr_of(&output),
        "error: the proxy relay.corp:2121 from HTTPS_PROXY cannot be used: ftp:// is not a proxy \
         scheme this program speaks (http, https, socks4, socks4a, socks5, socks5h)\n"
    );
    assert!(run.sleeps().is_empty(), "not retried: {:?}", run.sleeps());
}
