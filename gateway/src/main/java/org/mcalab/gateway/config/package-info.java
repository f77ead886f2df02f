/**
 * The ASA 9.7 running-config the reference gateway runs from, read into a typed model.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * AsaConfig config = AsaConfigParser.parse(Path.of("asa.cfg"));   // or parse(String)
 * config.warnings().forEach(w -> log.warn("{}", w));               // "line 47: ... [<snip>]"
 * TunnelGroup group = config.tunnelGroupByUrlPath("/MCA")           // group-url first,
 *         .or(() -> config.tunnelGroupByAlias(groupSelect))         // then group-select / alias
 *         .orElseThrow();
 * GroupPolicy policy = config.groupPolicyFor(group);               // inheritance already resolved
 * IpPool pool = config.poolFor(group).orElseThrow();
 * List<Subnet> split = config.splitIncludeNetworks(policy);
 * System.out.print(AsaConfigSummary.render(config));               // what `mcalab gateway --check` prints
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A line nobody models is a {@link org.mcalab.gateway.config.ParseWarning} with its line number: never an
 *       error, never silently dropped. A known command in the wrong form, or a reference to something never
 *       defined, throws {@link org.mcalab.gateway.config.AsaConfigException} with the line, the text and the
 *       expected form ({@code line 12: ip local pool: expected 'ip local pool NAME FIRST-LAST mask MASK'; got '...'}).
 *       Of several errors the one with the lowest line is thrown.</li>
 *   <li>Sub-commands may be indented as the ASA prints them (one space) or not at all (the seed document lost
 *       its indentation). A line belongs to the innermost open mode that knows it; a top-level command closes
 *       the open modes. In an indented file an unindented line is always top level and an indented line never
 *       is. {@code exit} closes the current mode. {@code !} lines are comments, {@code :} lines are the
 *       {@code : Saved} header, blank lines are ignored, CR/LF line ends are accepted.</li>
 *   <li>Keywords compare case-insensitively; names (pools, policies, groups, aliases) are case-sensitive.</li>
 *   <li>Unset group-policy attributes inherit from {@code DfltGrpPolicy}, which starts from the ASA defaults
 *       (all tunnel protocols, tunnelall, idle 30 min, no session timeout, 3 simultaneous logins, DTLS on,
 *       keepalive 20 s, DPD 30 s client and gateway, MTU 1406) and may itself be configured. A tunnel group
 *       defaults to {@code authentication aaa}, {@code authentication-server-group LOCAL} and the username from
 *       the CN of the first certificate.</li>
 * </ul>
 *
 * <h2>Supported commands</h2>
 * <ul>
 *   <li>{@code ASA Version V}, {@code hostname NAME}</li>
 *   <li>{@code ip local pool NAME FIRST-LAST mask MASK} ({@link org.mcalab.gateway.config.IpPool}: size, index/address
 *       conversions, iteration)</li>
 *   <li>{@code interface NAME}: {@code nameif}, {@code security-level}, {@code ip address A M [standby S]},
 *       {@code shutdown} and their {@code no} forms</li>
 *   <li>{@code object network NAME}: {@code subnet A M}, {@code host A}, auto-NAT {@code nat}</li>
 *   <li>{@code access-list NAME standard permit|deny A M|host A|any4} (other access-list kinds: warning)</li>
 *   <li>{@code nat (REAL,MAPPED) ...}: kept verbatim and reported as "parsed, not applied" (the gateway does no
 *       translation); objects it names that are not defined give a warning</li>
 *   <li>{@code crypto ca trustpoint NAME}: {@code enrollment}, {@code crl configure} (turns CRL checking on, as the
 *       seed means it; its sub-commands are warnings), {@code revocation-check crl|ocsp|none ...},
 *       {@code keypair}, {@code subject-name}, {@code fqdn}</li>
 *   <li>{@code crypto ca certificate chain NAME}: {@code certificate ca SERIAL} (CA certificates) and
 *       {@code certificate SERIAL} (the identity certificate for {@code ssl trust-point}), hex words up to
 *       {@code quit}, decoded with the JDK. A block that does not decode (the seed's {@code <snip>}), has bytes
 *       after the certificate, or a serial other than declared, is a warning, not an error.</li>
 *   <li>{@code webvpn}: {@code enable IFNAME}, {@code anyconnect image PATH [N]}, {@code anyconnect enable},
 *       {@code tunnel-group-list enable}</li>
 *   <li>{@code group-policy NAME internal|attributes}: {@code vpn-tunnel-protocol}, {@code split-tunnel-policy},
 *       {@code split-tunnel-network-list value ACL|none}, {@code banner value TEXT|none} (repeatable),
 *       {@code vpn-idle-timeout}, {@code vpn-session-timeout}, {@code vpn-simultaneous-logins},
 *       {@code dns-server}, {@code default-domain}, {@code address-pools}, and its {@code webvpn} sub-mode:
 *       {@code anyconnect ssl dtls}, {@code anyconnect ssl keepalive}, {@code anyconnect dpd-interval},
 *       {@code anyconnect mtu}</li>
 *   <li>{@code tunnel-group NAME type remote-access}; {@code general-attributes}: {@code address-pool},
 *       {@code default-group-policy}, {@code authentication-server-group}, {@code username-from-certificate},
 *       {@code username-from-certificate-choice}; {@code webvpn-attributes}: {@code authentication
 *       multiple-certificate|certificate|aaa|aaa certificate} (anything else, e.g. saml, is an error so a
 *       group never falls back to passwords), {@code group-alias}, {@code group-url}.
 *       {@code DefaultWEBVPNGroup} and {@code DefaultRAGroup} may be configured without a {@code type} line.</li>
 *   <li>{@code ssl trust-point NAME [IFNAME]}</li>
 *   <li>{@code username NAME password PW [encrypted|pbkdf2|nt-encrypted] [privilege N]}: a hashed password
 *       cannot be checked here, so that user is unusable (warning). Passwords never appear in messages.</li>
 * </ul>
 *
 * <h2>Cross-reference checks</h2>
 * Errors: a tunnel group's {@code address-pool} and {@code default-group-policy}, a policy's
 * {@code split-tunnel-network-list} and {@code address-pools}, {@code ssl trust-point}, and a certificate chain's
 * trustpoint must exist; attributes need their {@code type remote-access} / {@code internal} declaration; an
 * enabled group-url or alias belongs to one tunnel group; a group-url is an absolute http(s) URL; a pool name is
 * defined once. Warnings: interface names in {@code webvpn enable} / {@code ssl trust-point} without a matching
 * {@code nameif}, a certificate-authenticating tunnel group while no trustpoint has a usable CA certificate, a
 * split policy without a network list, a trust point without an identity certificate.
 */
package org.mcalab.gateway.config;
