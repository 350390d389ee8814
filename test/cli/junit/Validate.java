// Validates XML files against an XSD with the JDK's own validator (javax.xml.validation, Xerces inside), the
// parser family Jenkins itself runs on. Usage: java Validate.java SCHEMA.xsd FILE.xml...
// Prints "valid FILE" or "invalid FILE: line:col message" per file; exit 1 when any is invalid. Test helper only.

import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXParseException;

public class Validate {
  public static void main(String[] args) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Schema schema = factory.newSchema(new File(args[0]));
    int bad = 0;
    for (int i = 1; i < args.length; i++) {
      Validator validator = schema.newValidator();
      try {
        validator.validate(new StreamSource(new File(args[i])));
        System.out.println("valid " + args[i]);
      } catch (SAXParseException e) {
        bad++;
        System.out.println("invalid " + args[i] + ": " + e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
      }
    }
    System.exit(bad == 0 ? 0 : 1);
  }
}
