#!/usr/bin/env python3
"""fcgi_probe.py: ask one app pool's FastCGI socket for a page directly, past nginx (whose upstream would
answer from another pool), so scripts/ctl.sh knows that this pool's workers answer.
usage: scripts/fcgi_probe.py SOCKET [PATH]   (PATH default /healthz); exit 0 when the answer is 200."""
import socket
import struct
import sys


def record(rtype, content, request_id=1):
    return struct.pack('>BBHHBx', 1, rtype, request_id, len(content), 0) + content


def pairs(params):
    out = b''
    for k, v in params.items():
        k, v = k.encode(), v.encode()
        for n in (len(k), len(v)):
            out += struct.pack('>B', n) if n < 128 else struct.pack('>I', n | 0x80000000)
        out += k + v
    return out


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().split('\n')[-1], file=sys.stderr)
        return 2
    sock_path, path = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else '/healthz'
    params = {
        'REQUEST_METHOD': 'GET', 'REQUEST_URI': path, 'DOCUMENT_URI': path, 'SCRIPT_NAME': path,
        'QUERY_STRING': '', 'SERVER_PROTOCOL': 'HTTP/1.1', 'GATEWAY_INTERFACE': 'CGI/1.1',
        'REMOTE_ADDR': '127.0.0.1', 'SERVER_NAME': 'localhost', 'SERVER_PORT': '80', 'HTTP_HOST': 'localhost',
        'CONTENT_LENGTH': '', 'CONTENT_TYPE': '',
    }
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect(sock_path)
        s.sendall(record(1, struct.pack('>HB5x', 1, 0)) + record(4, pairs(params)) + record(4, b'') + record(5, b''))
        data, out = b'', b''
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
            while len(data) >= 8:
                _, rtype, _, clen, plen = struct.unpack('>BBHHBx', data[:8])
                if len(data) < 8 + clen + plen:
                    break
                if rtype == 6:
                    out += data[8:8 + clen]
                data = data[8 + clen + plen:]
                if rtype == 3:  # FCGI_END_REQUEST
                    raise StopIteration
    except StopIteration:
        pass
    except OSError as e:
        print(f'fcgi_probe: {sock_path}: {e}', file=sys.stderr)
        return 1
    finally:
        s.close()
    head = out.split(b'\r\n\r\n', 1)[0].decode('latin-1')
    status = 200
    for line in head.split('\r\n'):
        if line.lower().startswith('status:'):
            status = int(line.split(':', 1)[1].split()[0])
    if status != 200:
        print(f'fcgi_probe: {sock_path}: {path} answered {status}', file=sys.stderr)
    return 0 if status == 200 and out else 1


if __name__ == '__main__':
    sys.exit(main())
