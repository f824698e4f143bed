// DynamoDB Local's own server, bound to 127.0.0.1: its command line has no bind option and its Jetty
// connector listens on every interface. This builds the server exactly as DynamoDBLocal.jar's main does
// (same arguments), sets the connector's host before it starts, then starts it.
// With -Dmarquee.sqliteSynchronous=OFF it also sets that PRAGMA on the jar's one SQLite connection.
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field jettyField = DynamoDBProxyServer.class.getDeclaredField("server");
    jettyField.setAccessible(true);
    Object jetty = jettyField.get(proxy);
    Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local's server has no connector to bind");
    for (Object connector : connectors) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
    String synchronous = System.getProperty("marquee.sqliteSynchronous");
    if (synchronous != null) setSqliteSynchronous(proxy, synchronous);
    proxy.start();
  }

  /**
   * The jar commits every item in its own SQLite transaction, and SQLite's default (synchronous = FULL,
   * rollback journal) syncs four times per commit: on disk, about 25 items/s. OFF still survives a killed
   * process (the OS has the writes), not a power loss, which a local data folder can afford. The jar
   * opens its database on the first request; this opens it now, on its queue's own thread.
   */
  private static void setSqliteSynchronous(DynamoDBProxyServer proxy, String level) throws Exception {
    if (!level.matches("OFF|NORMAL|FULL|EXTRA")) throw new IllegalArgumentException("marquee.sqliteSynchronous: " + level);
    Object serverHandler = declaredField(DynamoDBProxyServer.class, "serverHandler").get(proxy);
    Object requestHandler = declaredField(serverHandler.getClass().getSuperclass(), "primaryHandler").get(serverHandler);
    Method getHandler = requestHandler.getClass().getDeclaredMethod("getHandler", String.class);
    getHandler.setAccessible(true);
    Object client = getHandler.invoke(requestHandler, "shared"); // -sharedDb: one database whatever the key
    Object access = declaredField(client.getClass(), "dbAccess").get(client);
    SQLiteQueue queue = (SQLiteQueue) declaredField(access.getClass(), "queue").get(access);
    queue.execute(new SQLiteJob<Void>() {
      @Override
      protected Void job(SQLiteConnection connection) throws Throwable {
        connection.exec("PRAGMA synchronous = " + level);
        return null;
      }
    }).complete();
  }

  private static Field declaredField(Class<?> owner, String name) throws NoSuchFieldException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }
}
