package io.lodestar.acs.service;

import io.lodestar.acs.core.rpc.DeploymentUnitOperation;
import io.lodestar.acs.core.rpc.TimeWindowStruct;
import io.lodestar.acs.core.task.TaskAction;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The rules of the transfer actions (Download, Upload, ScheduleDownload, CancelTransfer, ChangeDUState), kept
 * beside {@link TaskRules}: file types as TR-069 spells them, URLs the device can fetch (http, https or ftp, within
 * the schema's lengths), credentials and names within their lengths, time windows in order. A transfer queued
 * without a CommandKey gets a fresh one, since the CommandKey is how the device's TransferComplete finds its
 * operation.
 */
final class TransferRules {

    /** TR-069's Download file types, and a vendor's own ({@code X <OUI> <name>}). */
    static final List<String> DOWNLOAD_FILE_TYPES = List.of(TaskAction.FIRMWARE_IMAGE, "2 Web Content",
            "3 Vendor Configuration File", "4 Tone File", "5 Ringer File");
    /** TR-069's Upload file types (3 and 4 with an instance number, CWMP 1.2), and a vendor's own. */
    static final List<String> UPLOAD_FILE_TYPES = List.of("1 Vendor Configuration File", "2 Vendor Log File");

    private static final Pattern VENDOR_TYPE = Pattern.compile("X [0-9A-F]{6} .+|X \\S+ .+");
    private static final Pattern UPLOAD_INSTANCE_TYPE = Pattern.compile("(3 Vendor Configuration File|4 Vendor Log File) [1-9]\\d*");
    private static final Pattern WINDOW_MODE = Pattern.compile("[1-9]\\d*( \\S+)+|X \\S+ .+");
    private static final Pattern UUID_FORM = Pattern.compile(
            "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}");
    /** URL lengths of the schema: Download and Upload 256 (1024 in ChangeDUState), file type 64. */
    static final int MAX_URL = 256, MAX_DU_URL = 1024, MAX_TEXT = 256, MAX_FILE_TYPE = 64;
    /** xsd:unsignedInt, the FileSize and window bounds of the schema. */
    static final long MAX_UNSIGNED_INT = 4_294_967_295L;

    private final Supplier<String> newCommandKey;

    TransferRules(Supplier<String> newCommandKey) {
        this.newCommandKey = newCommandKey;
    }

    /** Fresh CommandKeys of 32 hexadecimal digits (a random UUID's), TR-069's longest. */
    static TransferRules withRandomKeys() {
        return new TransferRules(() -> UUID.randomUUID().toString().replace("-", ""));
    }

    static boolean handles(TaskAction action) {
        return action instanceof TaskAction.Download || action instanceof TaskAction.Upload
                || action instanceof TaskAction.ScheduleDownload || action instanceof TaskAction.CancelTransfer
                || action instanceof TaskAction.ChangeDUState || action instanceof TaskAction.GetQueuedTransfers
                || action instanceof TaskAction.GetAllQueuedTransfers;
    }

    /** The action to queue once checked, with a CommandKey where it had none. */
    TaskAction check(TaskAction action) {
        if (action instanceof TaskAction.Download d) {
            fileType(d.fileType(), DOWNLOAD_FILE_TYPES, false);
            url("url", d.url(), MAX_URL, false);
            url("successUrl", d.successUrl(), MAX_URL, true);
            url("failureUrl", d.failureUrl(), MAX_URL, true);
            credentials(d.username(), d.password());
            text("targetFileName", d.targetFileName());
            fileSize(d.fileSize());
            text("expectedSoftwareVersion", d.expectedSoftwareVersion());
            return d.withCommandKey(key(d.commandKey()));
        }
        if (action instanceof TaskAction.Upload u) {
            fileType(u.fileType(), UPLOAD_FILE_TYPES, true);
            url("url", u.url(), MAX_URL, false);
            credentials(u.username(), u.password());
            return u.withCommandKey(key(u.commandKey()));
        }
        if (action instanceof TaskAction.ScheduleDownload s) {
            fileType(s.fileType(), DOWNLOAD_FILE_TYPES, false);
            url("url", s.url(), MAX_URL, false);
            credentials(s.username(), s.password());
            text("targetFileName", s.targetFileName());
            fileSize(s.fileSize());
            windows(s.timeWindows());
            return s.withCommandKey(key(s.commandKey()));
        }
        if (action instanceof TaskAction.CancelTransfer c) {
            TaskRules.requireKey("CommandKey", c.commandKey());
            return c;
        }
        if (action instanceof TaskAction.ChangeDUState c) {
            c.operations().forEach(TransferRules::deploymentUnitOperation);
            return c.withCommandKey(key(c.commandKey()));
        }
        return action; // GetQueuedTransfers, GetAllQueuedTransfers: nothing to check
    }

    private String key(String given) {
        TaskRules.requireKey("CommandKey", given);
        return given.isEmpty() ? newCommandKey.get() : given;
    }

    private static void fileType(String type, List<String> standard, boolean upload) {
        if (type.length() > MAX_FILE_TYPE) {
            throw bad("fileType '" + type + "' is longer than " + MAX_FILE_TYPE + " characters");
        }
        if (standard.contains(type) || VENDOR_TYPE.matcher(type).matches()
                || (upload && UPLOAD_INSTANCE_TYPE.matcher(type).matches())) {
            return;
        }
        throw bad("fileType '" + type + "' is none of " + String.join(", ", standard)
                + (upload ? ", '3 Vendor Configuration File <n>', '4 Vendor Log File <n>'" : "")
                + " or a vendor type 'X <OUI> <name>'");
    }

    private static void url(String field, String url, int max, boolean emptyAllowed) {
        if (url.isEmpty() && emptyAllowed) {
            return;
        }
        if (url.length() > max) {
            throw bad(field + " is longer than " + max + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp")) || uri.getHost() == null) {
                throw bad(field + " '" + url + "' is not an absolute http, https or ftp URL with a host");
            }
            if (uri.getUserInfo() != null) {
                throw bad(field + " carries credentials: give them as username and password");
            }
        } catch (URISyntaxException e) {
            throw bad(field + " '" + url + "' is not a URL: " + e.getReason());
        }
    }

    private static void credentials(String username, String password) {
        text("username", username);
        text("password", password);
    }

    private static void text(String field, String value) {
        if (value.length() > MAX_TEXT) {
            throw bad(field + " is longer than " + MAX_TEXT + " characters");
        }
    }

    private static void fileSize(long size) {
        if (size > MAX_UNSIGNED_INT) {
            throw bad("fileSize " + size + " is larger than " + MAX_UNSIGNED_INT + " (TR-069's unsignedInt)");
        }
    }

    private static void windows(List<TimeWindowStruct> windows) {
        long previousEnd = -1;
        for (TimeWindowStruct w : windows) {
            if (w.windowStart() < 0 || w.windowEnd() > MAX_UNSIGNED_INT || w.windowEnd() <= w.windowStart()) {
                throw bad("a time window ends after it starts, within 0.." + MAX_UNSIGNED_INT + " seconds: "
                        + w.windowStart() + ".." + w.windowEnd());
            }
            if (w.windowStart() < previousEnd) {
                throw bad("time windows are in order and do not overlap");
            }
            if (!WINDOW_MODE.matcher(w.windowMode()).matches() || w.windowMode().length() > MAX_FILE_TYPE) {
                throw bad("windowMode '" + w.windowMode() + "' is not a mode such as '1 At Any Time', '2 Immediately', "
                        + "'3 When Idle' or '4 Confirmation Needed'");
            }
            text("userMessage", w.userMessage());
            if (w.maxRetries() < -1) {
                throw bad("maxRetries is -1 (the device's choice) or more");
            }
            previousEnd = w.windowEnd();
        }
    }

    private static void deploymentUnitOperation(DeploymentUnitOperation op) {
        if (op instanceof DeploymentUnitOperation.Install i) {
            url("url", i.url(), MAX_DU_URL, false);
            uuid(i.uuid(), true);
            credentials(i.username(), i.password());
        } else if (op instanceof DeploymentUnitOperation.Update u) {
            uuid(u.uuid(), true);
            url("url", u.url(), MAX_DU_URL, true);
            credentials(u.username(), u.password());
        } else if (op instanceof DeploymentUnitOperation.Uninstall u) {
            uuid(u.uuid(), false);
        }
    }

    private static void uuid(String uuid, boolean emptyAllowed) {
        if (uuid.isEmpty() ? !emptyAllowed : !UUID_FORM.matcher(uuid).matches()) {
            throw bad("uuid '" + uuid + "' is not a deployment unit UUID (8-4-4-4-12 hexadecimal digits)");
        }
    }

    private static ServiceException bad(String message) {
        return new ServiceException(ErrorCode.BAD_ARGUMENT, message);
    }
}
