# docker-seccomp-exporter as a container, the way cAdvisor and node_exporter are run (README: "As a container").
# Built from Debian 12 packages, the same libraries as the .deb; the image holds the binary and the shared
# libraries it links, nothing else: no shell, no package manager. scripts/image builds it offline too.
ARG BASE=debian:bookworm-slim

FROM ${BASE} AS build
WORKDIR /src
COPY scripts/install-deps scripts/fetch-default-profile scripts/debian-download scripts/
COPY lib/compliance/default_profile_release.txt lib/compliance/
RUN scripts/install-deps --build && rm -rf /var/lib/apt/lists/*
COPY . .
# The source has no .git here: scripts/image passes the commit it builds.
ARG REVISION=unknown
# The .deb's build type (-O2); warnings are CI's to refuse (a newer compiler's must not break this build).
RUN DSE_REVISION=${REVISION} cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDSE_BUILD_TESTS=OFF \
      -DCMAKE_INSTALL_PREFIX=/usr >/dev/null \
 && cmake --build /build --target docker-seccomp-exporter \
 && strip -o /usr/bin/docker-seccomp-exporter /build/daemon/docker-seccomp-exporter
# The runtime file system: the binary, every library the loader resolves for it, and a user of its own.
RUN mkdir -p /rootfs/etc /rootfs/tmp \
 && ldd /usr/bin/docker-seccomp-exporter | grep -o '/[^ ]*' | sort -u \
      | xargs -I{} cp --parents -L {} /rootfs \
 && cp --parents /usr/bin/docker-seccomp-exporter /rootfs \
 && printf '%s\n' 'docker-seccomp-exporter:x:10521:10521::/nonexistent:/usr/sbin/nologin' \
      'nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin' > /rootfs/etc/passwd \
 && printf '%s\n' 'docker-seccomp-exporter:x:10521:' 'nogroup:x:65534:' > /rootfs/etc/group \
 && chmod 1777 /rootfs/tmp

FROM scratch
COPY --from=build /rootfs /
USER 10521:10521
EXPOSE 10521
ENTRYPOINT ["/usr/bin/docker-seccomp-exporter"]
