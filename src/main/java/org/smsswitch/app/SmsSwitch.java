package org.smsswitch.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.smsswitch.account.Account;
import org.smsswitch.account.AccountContact;
import org.smsswitch.account.AccountService;
import org.smsswitch.account.PasswordHasher;
import org.smsswitch.account.Role;
import org.smsswitch.api.AdminEndpoint;
import org.smsswitch.api.SmsEndpoint;
import org.smsswitch.api.SoapSecurity;
import org.smsswitch.carrier.smpp.SmppSimulator;
import org.smsswitch.mo.AppNotification;
import org.smsswitch.mo.ConversationMessage;
import org.smsswitch.mo.ConversationService;
import org.smsswitch.mo.AppNotificationJob;
import org.smsswitch.mo.AppNotifier;
import org.smsswitch.mo.InboundMessage;
import org.smsswitch.mo.InboundSweepJob;
import org.smsswitch.mo.MoService;
import org.smsswitch.mo.QuitQuestion;
import org.smsswitch.oms.OmsEndpoint;
import org.smsswitch.oms.OmsForwarder;
import org.smsswitch.oms.OmsJob;
import org.smsswitch.oms.OmsReport;
import org.smsswitch.oms.OmsService;
import org.smsswitch.numbers.CarrierDirectory;
import org.smsswitch.numbers.CarrierPrefix;
import org.smsswitch.numbers.NumberCarrier;
import org.smsswitch.numbers.Campaign;
import org.smsswitch.numbers.LongNumber;
import org.smsswitch.numbers.NumberService;
import org.smsswitch.numbers.NumberOptOut;
import org.smsswitch.numbers.Office;
import org.smsswitch.numbers.PortingDocument;
import org.smsswitch.numbers.PortingRequest;
import org.smsswitch.numbers.PortingService;
import org.smsswitch.numbers.ShortCode;
import org.smsswitch.numbers.ShortCodeService;
import org.smsswitch.optin.Keyword;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.optin.OptIn;
import org.smsswitch.optin.OptInEvent;
import org.smsswitch.optin.OptInService;
import org.smsswitch.optin.OptInTag;
import org.smsswitch.persistence.Database;
import org.smsswitch.persistence.DatabaseSettings;
import org.smsswitch.persistence.Transactions;
import org.smsswitch.send.BulkSendService;
import org.smsswitch.send.CancelService;
import org.smsswitch.send.Dispatcher;
import org.smsswitch.send.SendService;
import org.smsswitch.queue.QueueDrainer;
import org.smsswitch.status.MtBatch;
import org.smsswitch.status.MtMessage;
import org.smsswitch.status.MtStatusEvent;
import org.smsswitch.status.StatusFeed;
import org.smsswitch.status.StatusService;
import org.smsswitch.status.DeliveryTracker;
import org.smsswitch.status.FinalizationJob;
import org.smsswitch.status.Finalizer;
import org.smsswitch.status.MtSegment;
import org.smsswitch.status.ReceiptRecord;
import org.smsswitch.status.ActivityService;
import org.smsswitch.status.ReceiptStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running switch: database, carrier, services and endpoints, wired from a {@link Config}. */
public final class SmsSwitch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmsSwitch.class);

    /** Every persistent class; Hibernate validates each against the migrated schema. */
    public static final List<Class<?>> ENTITIES = List.of(Account.class, ShortCode.class, Keyword.class, OptIn.class,
            OptInTag.class, OptInEvent.class, MtBatch.class, MtMessage.class, MtStatusEvent.class, MtSegment.class,
            ReceiptRecord.class, StatusFeed.class, CarrierPrefix.class, NumberCarrier.class, InboundMessage.class,
            QuitQuestion.class, AppNotification.class, OmsEndpoint.class, OmsReport.class, Office.class,
            LongNumber.class, Campaign.class, PortingRequest.class, PortingDocument.class, NumberOptOut.class,
            ConversationMessage.class, AccountContact.class);
    /** The route of the one configured carrier bind. */
    public static final String DEFAULT_ROUTE = "default";

    private final Database database;
    private final CarrierBinds carriers;
    private final DeliveryTracker tracker;
    private final Finalizer finalizer;
    private final SwitchScheduler scheduler;
    private final CarrierDirectory directory;
    private final QueueDrainer drainer;
    private final Dispatcher dispatcher;
    private final AccountService accounts;
    private final ShortCodeService shortCodes;
    private final KeywordService keywords;
    private final OptInService optIns;
    private final SmsEndpoint smsEndpoint;
    private final AdminEndpoint adminEndpoint;
    private final WSS4JInInterceptor security;
    private final MoService mo;
    private final AppNotifier notifier;
    private final OmsForwarder forwarder;
    private final OmsService oms;
    private final CancelService cancels;
    private final NumberService numbers;
    private final PortingService porting;
    private final ActivityService activity;
    private final ConversationService conversations;
    private final Clock clock;

    private SmsSwitch(Config config, Clock clock, Database database, CarrierBinds carriers, DeliveryTracker tracker,
            Transactions tx, MoService mo, AppNotifier notifier, OmsForwarder forwarder,
            AtomicReference<Runnable> repliesQueued) {
        this.forwarder = forwarder;
        this.oms = new OmsService(tx, clock);
        this.database = database;
        this.clock = clock;
        this.mo = mo;
        this.notifier = notifier;
        this.carriers = carriers;
        this.tracker = tracker;
        this.accounts = new AccountService(tx, new PasswordHasher(config.getInt("security.password-iterations")),
                clock);
        this.shortCodes = new ShortCodeService(tx, clock);
        this.keywords = new KeywordService(tx, clock);
        this.optIns = new OptInService(tx, clock);
        this.directory = new CarrierDirectory(tx);
        Duration resubmitWait = Duration.ofSeconds(config.getInt("send.resubmit-wait-seconds"));
        Duration lease = Duration.ofSeconds(config.getInt("queue.lease-seconds"));
        if (lease.compareTo(resubmitWait.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("queue.lease-seconds must be at least twice send.resubmit-wait-seconds,"
                    + " or another node could take over a send still waiting for its carrier");
        }
        int quarantineDays = config.getInt("numbers.quarantine-days");
        if (quarantineDays < 0) {
            throw new IllegalArgumentException("numbers.quarantine-days must be 0 or more, not " + quarantineDays);
        }
        this.dispatcher = new Dispatcher(tx, carriers.routes, carriers.carrierNames, tracker, directory, clock,
                resubmitWait, nodeName(config), lease, config.getInt("queue.parallelism"));
        SendService sends = new SendService(tx, dispatcher, clock, config.getInt("send.max-segments"));
        this.drainer = new QueueDrainer(dispatcher, clock, config.getInt("queue.batch-size"),
                config.getInt("queue.drain-threads"));
        int pollMillis = config.getInt("queue.poll-millis");
        if (pollMillis < 1) {
            throw new IllegalArgumentException("queue.poll-millis must be at least 1, not " + pollMillis);
        }
        drainer.start(Duration.ofMillis(pollMillis));
        repliesQueued.set(drainer::wake);
        this.numbers = new NumberService(tx, clock, Duration.ofDays(quarantineDays));
        this.cancels = new CancelService(tx, clock);
        this.activity = new ActivityService(tx);
        this.conversations = new ConversationService(tx, clock, drainer::wake);
        this.smsEndpoint = new SmsEndpoint(sends, new BulkSendService(tx, sends, clock, drainer::wake),
                cancels, new StatusService(tx), optIns, oms, numbers);
        this.porting = new PortingService(tx, clock);
        this.adminEndpoint = new AdminEndpoint(accounts, shortCodes, keywords, directory, tracker, oms, numbers,
                porting);
        this.security = SoapSecurity.usernameTokenInterceptor(accounts);
        this.finalizer = new Finalizer(tx, clock, tracker,
                Duration.ofHours(config.getInt("status.final-after-hours")),
                Duration.ofMinutes(config.getInt("status.report-unmatched-after-minutes")));
        this.scheduler = SwitchScheduler.start(database.dataSource(), database.vendor() != Database.Vendor.H2,
                Map.of(FinalizationJob.class, () -> new FinalizationJob(finalizer),
                        InboundSweepJob.class, () -> new InboundSweepJob(mo),
                        AppNotificationJob.class, () -> new AppNotificationJob(notifier),
                        OmsJob.class, () -> new OmsJob(forwarder)));
        scheduler.every("finalize-statuses", FinalizationJob.class, config.getInt("status.sweep-seconds"));
        scheduler.every("process-inbound", InboundSweepJob.class, config.getInt("mo.sweep-seconds"));
        scheduler.every("notify-applications", AppNotificationJob.class, config.getInt("mo.sweep-seconds"));
        scheduler.every("forward-outage-reports", OmsJob.class, config.getInt("oms.sweep-seconds"));
    }

    /** Opens the database (migrating it), seeds what the configuration asks for, and binds the carrier. */
    public static SmsSwitch start(Config config, Clock clock) {
        long started = System.nanoTime();
        log.info("Starting sms-switch: {}", config.describe());
        for (String setting : List.of("mo.sweep-seconds", "app.timeout-seconds", "oms.sweep-seconds")) {
            if (config.getInt(setting) < 1) {
                throw new IllegalArgumentException(setting + " must be at least 1, not " + config.getInt(setting));
            }
        }
        DatabaseSettings settings = databaseSettings(config);
        Database database = Database.open(settings, ENTITIES);
        Transactions tx = new Transactions(database.sessionFactory());
        DeliveryTracker tracker = new DeliveryTracker(tx, clock, new ReceiptStates(
                Set.copyOf(List.of(config.get("status.confirming-carriers").split("\\s*,\\s*")))));
        // Replies to texts are drained at once once the queue runs; until then its poll finds them.
        AtomicReference<Runnable> repliesQueued = new AtomicReference<>(() -> { });
        AppNotifier notifier = new AppNotifier(tx, clock, Duration.ofSeconds(config.getInt("app.timeout-seconds")),
                () -> repliesQueued.get().run());
        OmsForwarder forwarder = new OmsForwarder(tx, clock, () -> repliesQueued.get().run());
        MoService mo = new MoService(tx, clock, () -> repliesQueued.get().run(), notifier::wake, forwarder::wake);
        CarrierBinds carriers = null;
        SmsSwitch smsSwitch = null;
        try {
            carriers = CarrierBinds.start(config, tracker, mo);
            smsSwitch = new SmsSwitch(config, clock, database, carriers, tracker, tx, mo, notifier, forwarder,
                    repliesQueued);
            smsSwitch.seed(config, settings);
            log.info("sms-switch started in {} ms", Duration.ofNanos(System.nanoTime() - started).toMillis());
            return smsSwitch;
        } catch (RuntimeException e) {
            if (smsSwitch != null) {
                smsSwitch.close();
            } else {
                if (carriers != null) {
                    carriers.close();
                }
                mo.close();
                notifier.close();
                forwarder.close();
                tracker.close();
                database.close();
            }
            throw e;
        }
    }

    static DatabaseSettings databaseSettings(Config config) {
        String url = config.get("db.url");
        if (url.isEmpty()) {
            Path file = Path.of(config.get("data.dir")).toAbsolutePath().normalize().resolve("smsswitch");
            url = "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return new DatabaseSettings(url, config.get("db.user"), config.get("db.password"),
                config.getInt("db.pool-size"));
    }

    private void seed(Config config, DatabaseSettings settings) {
        String operator = config.get("bootstrap.operator.username");
        String password = config.get("bootstrap.operator.password");
        if (!operator.isEmpty() && !password.isEmpty() && accounts.find(operator).isEmpty()) {
            accounts.create(operator, password, "Operator", Role.OPERATOR, false);
            log.info("Created operator account {}", operator);
        }
        String demo = config.get("demo.data");
        if (demo.equals("true") || (demo.equals("auto") && settings.isH2())) {
            new DemoData(accounts, shortCodes, keywords, optIns).ensure();
        }
    }

    public SmsEndpoint smsEndpoint() {
        return smsEndpoint;
    }

    public AdminEndpoint adminEndpoint() {
        return adminEndpoint;
    }

    public WSS4JInInterceptor security() {
        return security;
    }

    public Database database() {
        return database;
    }

    /** The built-in simulator, when the configuration asked for it. */
    public SmppSimulator simulator() {
        return carriers.simulator;
    }

    public AccountService accounts() {
        return accounts;
    }

    public MoService mo() {
        return mo;
    }

    public AppNotifier notifier() {
        return notifier;
    }

    public OmsForwarder forwarder() {
        return forwarder;
    }

    public OmsService oms() {
        return oms;
    }

    /** The switch's clock: the system's, or a test's. */
    public KeywordService keywords() {
        return keywords;
    }

    public NumberService numbers() {
        return numbers;
    }

    public PortingService porting() {
        return porting;
    }

    public CancelService cancels() {
        return cancels;
    }

    public ConversationService conversations() {
        return conversations;
    }

    public ActivityService activity() {
        return activity;
    }

    public Clock clock() {
        return clock;
    }

    public OptInService optIns() {
        return optIns;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public QueueDrainer drainer() {
        return drainer;
    }

    /** The configured node name, else one made of host, process and a random part (unique per start). */
    private static String nodeName(Config config) {
        String name = config.get("node.name");
        if (name.length() > 64) {
            throw new IllegalArgumentException("node.name has at most 64 characters, not " + name.length());
        }
        if (!name.isEmpty()) {
            return name;
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        String made = host + "-" + ProcessHandle.current().pid() + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        return made.length() <= 64 ? made : made.substring(made.length() - 64);
    }

    public Finalizer finalizer() {
        return finalizer;
    }

    /** Stops everything, each part even when one before it fails to stop. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Runnable step : List.<Runnable>of(drainer::close, dispatcher::close, scheduler::close, directory::close,
                carriers::close, mo::close, notifier::close, forwarder::close, tracker::close, database::close)) {
            try {
                step.run();
            } catch (RuntimeException e) {
                log.error("Stopping a part of the switch failed", e);
                failure = failure == null ? e : failure;
            }
        }
        log.info("sms-switch stopped");
        if (failure != null) {
            throw failure;
        }
    }
}
