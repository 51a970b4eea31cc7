//! An upload's socket, found among the process's descriptors by the ends of its connection, and
//! asked what its peer has not acknowledged yet (Linux's SIOCOUTQ) and how large its send buffer
//! is: `upload` starts the answer's clock from that.

use std::net::SocketAddr;

/// The two ends of an upload's connection: how its socket is found among the process's
/// descriptors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Ends {
    pub(super) local: SocketAddr,
    pub(super) remote: SocketAddr,
}

/// An upload's socket, found by its ends among the process's descriptors (its number checked
/// before each use: a closed descriptor's number is reused).
pub(super) struct Socket {
    ends: Option<Ends>,
    fd: Option<i32>,
}

impl Socket {
    pub(super) fn new(ends: Option<Ends>) -> Self {
        Socket { ends, fd: None }
    }

    fn fd(&mut self) -> Option<i32> {
        let ends = self.ends?;
        if !self.fd.is_some_and(|fd| sockets::has_ends(fd, ends)) {
            self.fd = sockets::find(ends);
        }
        self.fd
    }

    /// Bytes written to the socket that its peer has not acknowledged yet.
    pub(super) fn unacknowledged(&mut self) -> Option<u64> {
        self.fd().and_then(sockets::unacknowledged)
    }

    /// The size of its send buffer.
    pub(super) fn send_buffer(&mut self) -> Option<u64> {
        self.fd().and_then(sockets::send_buffer)
    }
}

#[cfg(unix)]
mod sockets {
    use std::mem::ManuallyDrop;
    use std::net::TcpStream;
    use std::os::fd::FromRawFd;

    use super::Ends;

    /// The descriptor of the process's socket with these ends.
    pub(super) fn find(ends: Ends) -> Option<i32> {
        std::fs::read_dir("/dev/fd")
            .ok()?
            .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
            .find(|&fd| has_ends(fd, ends))
    }

    /// Whether `fd` is a socket with these ends.
    pub(super) fn has_ends(fd: i32, ends: Ends) -> bool {
        // SAFETY: the descriptor is only asked for its addresses (which fails for anything but a
        // socket) and never closed.
        let socket = ManuallyDrop::new(unsafe { TcpStream::from_raw_fd(fd) });
        socket.local_addr().ok() == Some(ends.local) && socket.peer_addr().ok() == Some(ends.remote)
    }

    /// SIOCOUTQ (TIOCOUTQ's number): for TCP, the bytes written and not yet acknowledged.
    #[cfg(target_os = "linux")]
    pub(super) fn unacknowledged(fd: i32) -> Option<u64> {
        let mut count: libc::c_int = 0;
        // SAFETY: the request writes one int.
        let done = unsafe { libc::ioctl(fd, libc::TIOCOUTQ, &raw mut count) };
        if done == 0 {
            u64::try_from(count).ok()
        } else {
            None
        }
    }

    #[cfg(not(target_os = "linux"))]
    pub(super) fn unacknowledged(_: i32) -> Option<u64> {
        None
    }

    pub(super) fn send_buffer(fd: i32) -> Option<u64> {
        let mut size: libc::c_int = 0;
        let mut length = libc::socklen_t::try_from(std::mem::size_of::<libc::c_int>()).ok()?;
        // SAFETY: SO_SNDBUF is one int, and `length` says so.
        let done = unsafe {
            libc::getsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_SNDBUF,
                (&raw mut size).cast(),
                &raw mut length,
            )
        };
        if done == 0 { u64::try_from(size).ok() } else { None }
    }
}

/// Elsewhere the socket is not looked for: the answer's clock starts after the drain time.
#[cfg(not(unix))]
mod sockets {
    use super::Ends;

    pub(super) fn find(_: Ends) -> Option<i32> {
        None
    }

    pub(super) fn has_ends(_: i32, _: Ends) -> bool {
        false
    }

    pub(super) fn unacknowledged(_: i32) -> Option<u64> {
        None
    }

    pub(super) fn send_buffer(_: i32) -> Option<u64> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn a_socket_is_found_by_its_ends_and_tells_what_its_peer_has_not_acknowledged() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let stream = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (_peer, _) = listener.accept().unwrap();
        let ends = Ends {
            local: stream.local_addr().unwrap(),
            remote: stream.peer_addr().unwrap(),
        };
        let mut socket = Socket::new(Some(ends));
        assert_eq!(socket.unacknowledged(), Some(0));
        assert!(socket.send_buffer().is_some_and(|size| size > 0));
        assert_eq!(Socket::new(None).unacknowledged(), None);
        drop(stream);
        assert_eq!(
            socket.unacknowledged(),
            None,
            "closed: its number no longer has these ends"
        );
    }
}
