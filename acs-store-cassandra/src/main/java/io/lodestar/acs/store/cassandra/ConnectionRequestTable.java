package io.lodestar.acs.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lodestar.acs.core.device.ConnectionRequestAttempt;
import io.lodestar.acs.core.device.DeviceId;
import io.lodestar.acs.core.device.LearnedUdpBinding;
import io.lodestar.acs.core.device.SealedCredentials;
import io.lodestar.acs.store.codec.ConnectionRequestEncoding;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The {@code connection_requests} table (migration V007, the {@code udp_binding} column V010): one row per device,
 * its sealed credentials, its last attempt and its learned UDP binding in columns of their own ({@link ConnectionRequestEncoding}), so writing one never touches the other.
 * Plain idempotent writes, last writer wins per column: any node may record an attempt's outcome (the node that
 * sent it, or the node whose session answered it).
 */
final class ConnectionRequestTable {

    private final CqlSession session;
    private final PreparedStatement putCredentials;
    private final PreparedStatement putAttempt;
    private final PreparedStatement putUdpBinding;
    private final PreparedStatement selectUdpBinding;
    private final PreparedStatement select;
    private final PreparedStatement delete;

    ConnectionRequestTable(CqlSession session, String ks) {
        this.session = session;
        var putCredentials = prepare("UPDATE " + ks + ".connection_requests SET credentials = ? WHERE device_id = ?");
        var putAttempt = prepare("UPDATE " + ks + ".connection_requests SET last_attempt = ? WHERE device_id = ?");
        var putUdpBinding = prepare("UPDATE " + ks + ".connection_requests SET udp_binding = ? WHERE device_id = ?");
        var selectUdpBinding = prepare("SELECT udp_binding FROM " + ks + ".connection_requests WHERE device_id = ?");
        var select = prepare("SELECT credentials, last_attempt FROM " + ks + ".connection_requests WHERE device_id = ?");
        var delete = prepare("DELETE FROM " + ks + ".connection_requests WHERE device_id = ?");
        this.putCredentials = Async.join(putCredentials);
        this.putAttempt = Async.join(putAttempt);
        this.putUdpBinding = Async.join(putUdpBinding);
        this.selectUdpBinding = Async.join(selectUdpBinding);
        this.select = Async.join(select);
        this.delete = Async.join(delete);
    }

    private CompletionStage<PreparedStatement> prepare(String cql) {
        return session.prepareAsync(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    void putCredentials(DeviceId id, SealedCredentials c) {
        Async.join(session.executeAsync(putCredentials.bind(ByteBuffer.wrap(ConnectionRequestEncoding.encode(c)),
                id.value())));
    }

    void putAttempt(DeviceId id, ConnectionRequestAttempt a) {
        Async.join(session.executeAsync(putAttempt.bind(ByteBuffer.wrap(ConnectionRequestEncoding.encode(a)),
                id.value())));
    }

    Optional<SealedCredentials> credentials(DeviceId id) {
        return column(id, 0).map(ConnectionRequestEncoding::decodeCredentials);
    }

    Optional<ConnectionRequestAttempt> lastAttempt(DeviceId id) {
        return column(id, 1).map(ConnectionRequestEncoding::decodeAttempt);
    }

    void putUdpBinding(DeviceId id, LearnedUdpBinding b) {
        Async.join(session.executeAsync(putUdpBinding.bind(ByteBuffer.wrap(ConnectionRequestEncoding.encode(b)),
                id.value())));
    }

    Optional<LearnedUdpBinding> udpBinding(DeviceId id) {
        Row r = Async.join(session.executeAsync(selectUdpBinding.bind(id.value()))).one();
        if (r == null || r.isNull(0)) {
            return Optional.empty();
        }
        ByteBuffer b = r.getByteBuffer(0);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return Optional.of(ConnectionRequestEncoding.decodeUdpBinding(bytes));
    }

    void forget(DeviceId id) {
        Async.join(session.executeAsync(delete.bind(id.value())));
    }

    private Optional<byte[]> column(DeviceId id, int index) {
        Row r = Async.join(session.executeAsync(select.bind(id.value()))).one();
        if (r == null || r.isNull(index)) {
            return Optional.empty();
        }
        ByteBuffer b = r.getByteBuffer(index);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return Optional.of(bytes);
    }
}
