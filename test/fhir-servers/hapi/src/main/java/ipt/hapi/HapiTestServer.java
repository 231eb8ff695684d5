package ipt.hapi;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.web.cors.CorsConfiguration;

/**
 * HAPI FHIR's JPA server engine (R4, H2 in memory) behind embedded Jetty on 127.0.0.1, for the
 * sync tests. Configuration only: every FHIR behaviour is HAPI's own default, apart from the CORS
 * interceptor (HAPI's) that lets the test browser call it.
 *
 * <p>Port: first argument, else $HAPI_PORT, else 8091. Base URL: http://127.0.0.1:PORT/fhir
 */
@Configuration
// HAPI's own Spring configuration, as the hapi-fhir-jpaserver-starter assembles it (without its
// optional modules: no MDM, CQL, IPS, subscriptions matching, GraphQL, bulk export providers, UI).
@Import({
  JpaR4Config.class, // R4 DAOs, resource providers, system DAO and provider, transactions
  HapiJpaConfig.class, // JpaConfig plus the search, paging and resource count beans
  JpaBatch2Config.class, // the batch job engine that the DAOs depend on
  Batch2JobsConfig.class, // its job definitions (reindex, delete expunge, ...), also DAO dependencies
  SubscriptionChannelConfig.class, // in-process message channels that batch2 needs
  ThreadPoolFactoryConfig.class // the transaction processor's thread pools
})
public class HapiTestServer {

  public static void main(String[] args) throws Exception {
    String portText = args.length > 0 ? args[0] : System.getenv().getOrDefault("HAPI_PORT", "8091");
    int port = Integer.parseInt(portText);

    AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(HapiTestServer.class);
    spring.registerShutdownHook();

    Server jetty = new Server();
    ServerConnector http = new ServerConnector(jetty);
    http.setHost("127.0.0.1");
    http.setPort(port);
    jetty.addConnector(http);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder fhir = new ServletHolder(spring.getBean(RestfulServer.class));
    fhir.setInitOrder(1);
    context.addServlet(fhir, "/fhir/*");
    jetty.setHandler(context);
    jetty.setStopAtShutdown(true);
    try {
      jetty.start();
    } catch (Exception e) {
      e.printStackTrace();
      spring.close();
      System.exit(1); // e.g. the port is taken; HAPI's scheduler threads would keep the JVM alive
    }
    System.out.println("HAPI FHIR R4 test server listening on http://127.0.0.1:" + port + "/fhir");
    jetty.join();
  }

  // ---- storage: H2 in memory -------------------------------------------------------------

  @Bean(destroyMethod = "close")
  public BasicDataSource dataSource() {
    BasicDataSource ds = new BasicDataSource();
    ds.setDriver(new org.h2.Driver());
    ds.setUrl("jdbc:h2:mem:hapi;DB_CLOSE_DELAY=-1");
    ds.setUsername("sa");
    ds.setPassword("");
    ds.setMaxTotal(10);
    return ds;
  }

  @Bean
  @Primary
  public LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      DataSource dataSource) {
    LocalContainerEntityManagerFactoryBean emf =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    emf.setPersistenceUnitName("HAPI_PU");
    emf.setDataSource(dataSource);
    Properties jpa = new Properties();
    jpa.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
    jpa.put("hibernate.hbm2ddl.auto", "update");
    jpa.put("hibernate.search.enabled", "false");
    jpa.put("hibernate.format_sql", "false");
    jpa.put("hibernate.show_sql", "false");
    jpa.put("hibernate.jdbc.batch_size", "20");
    jpa.put("hibernate.cache.use_query_cache", "false");
    jpa.put("hibernate.cache.use_second_level_cache", "false");
    emf.setJpaProperties(jpa);
    return emf;
  }

  @Bean
  @Primary
  public JpaTransactionManager transactionManager(EntityManagerFactory emf) {
    return new JpaTransactionManager(emf);
  }

  // ---- FHIR settings: HAPI's defaults, spelled out where the sync tests rely on them ---------

  @Bean
  public JpaStorageSettings storageSettings() {
    JpaStorageSettings s = new JpaStorageSettings();
    // Client-assigned ids: HAPI's default (ALPHANUMERIC: an id must contain a non-digit).
    s.setDeleteEnabled(true); // default
    s.setDeleteExpungeEnabled(false); // default
    s.setExpungeEnabled(false); // default
    s.setAllowMultipleDelete(false); // default
    return s;
  }

  @Bean
  public PartitionSettings partitionSettings() {
    return new PartitionSettings(); // partitioning off
  }

  @Bean
  public SubscriptionSettings subscriptionSettings() {
    return new SubscriptionSettings(); // no subscription channel types enabled
  }

  // ---- REST layer ------------------------------------------------------------------------

  @Bean
  public CorsInterceptor corsInterceptor() {
    CorsConfiguration cors = new CorsConfiguration();
    cors.addAllowedOriginPattern("*");
    cors.addAllowedHeader("*");
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"));
    cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified"));
    cors.setAllowCredentials(false);
    cors.setMaxAge(3600L);
    return new CorsInterceptor(cors);
  }

  @Bean
  public RestfulServer restfulServer(
      FhirContext fhirContext,
      IFhirSystemDao<?, ?> systemDao,
      @Qualifier("mySystemProviderR4") JpaSystemProvider<?, ?> systemProvider,
      ResourceProviderFactory resourceProviders,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      DatabaseBackedPagingProvider pagingProvider,
      CorsInterceptor corsInterceptor) {
    RestfulServer server = new RestfulServer(fhirContext);
    server.registerProviders(resourceProviders.createProviders());
    server.registerProvider(systemProvider);
    server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
        server, systemDao, storageSettings, searchParamRegistry, validationSupport));
    server.setPagingProvider(pagingProvider);
    server.registerInterceptor(corsInterceptor);
    return server;
  }
}
