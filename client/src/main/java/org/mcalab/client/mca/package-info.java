/**
 * The one MCA login (docs/protocol.md §5, §6): {@link McaLogin} runs init, challenge, signed auth-reply and complete,
 * with a {@link McaLogin.Hook} where conformance mutations change the reply. Its parts: {@link Challenge} (the exact
 * bytes signed), {@link ReplyDraft}, {@link McaSigner} (§6.3, §6.4), {@link Pkcs7Builder} (§6.6),
 * {@link UserCertificate} (the 1U proof) and the client {@link Profile}s; {@link CredentialStore} loads fixture
 * credentials once per run and {@link Secrets} masks tokens and passwords for reports. The steps do no I/O, so the
 * blocking client, Gatling and the load tunnel generator send the same bytes.
 */
package org.mcalab.client.mca;
